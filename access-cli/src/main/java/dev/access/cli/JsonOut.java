package dev.access.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.access.core.domain.LockEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Machine output: exactly one JSON object, on one line, written with Jackson. */
final class JsonOut {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonOut() {
    }

    /** The object as one line of JSON (keys in the map's order; values: strings, numbers, booleans, null, lists, maps). */
    static String write(Map<String, ?> object) {
        try {
            return MAPPER.writeValueAsString(object);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** An instant as ISO-8601 UTC text, or null. */
    static String iso(Instant t) {
        return t == null ? null : t.toString();
    }

    /** The events' type names, in order ({@code CodeAdded}, {@code EntryDenied}, ...). */
    static List<String> eventTypes(List<LockEvent> events) {
        List<String> names = new ArrayList<>(events.size());
        for (LockEvent e : events) {
            names.add(e.getClass().getSimpleName());
        }
        return names;
    }
}
