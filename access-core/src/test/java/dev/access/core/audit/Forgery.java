package dev.access.core.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.access.crypto.ChainHead;
import dev.access.crypto.HashChain;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** Test helper: forges an export the way an attacker without the signing key would. */
final class Forgery {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Forgery() {
    }

    /** Applies {@code change} to line {@code index}, then recomputes every chain value from there on. */
    static List<String> rechain(List<String> lines, int index, UnaryOperator<String> change) {
        List<String> out = new ArrayList<>(lines);
        out.set(index, change.apply(out.get(index)));
        try {
            ChainHead head = index == 0 ? ChainHead.GENESIS
                    : ChainHead.fromHex(JSON.readTree(out.get(index - 1)).get("chain").asText());
            for (int i = index; i < out.size(); i++) {
                ObjectNode n = (ObjectNode) JSON.readTree(out.get(i));
                head = HashChain.next(head, n.get("sequence").asLong(), n.get("type").asText(),
                        Instant.parse(n.get("timestamp").asText()),
                        n.get("payload").asText().getBytes(StandardCharsets.UTF_8));
                n.put("chain", head.toHex());
                out.set(i, JSON.writeValueAsString(n));
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }
}
