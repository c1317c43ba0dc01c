package dev.access.core.internal.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.access.core.domain.CodeRules;
import dev.access.core.domain.OperatingMode;
import dev.access.core.domain.UserType;
import dev.access.core.fleet.LockNotEnrolledException;
import dev.access.core.internal.json.Json;
import dev.access.crypto.SealedSecret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/*
 * Implementation notes.
 *
 * The backend's desired state of a lock is event-sourced in table fleet_desired: one row per event
 * (CodeRequested, PinChangeRequested, SuspendRequested, ResumeRequested, RemoveRequested,
 * ModeRequested, OfflineRevokeRequested, BatchIssued), numbered per lock, appended in a transaction that holds the lock's
 * row (FleetTables.lockRow), never updated. The state is their fold (DesiredState).
 *
 * A sealed PIN is not part of an event: it lives in fleet_sealed_pin under the event that asked for
 * it, and is deleted when the lock's trail proves the code set, or when a later request replaces or
 * removes it; the events stay as they were. Nothing here holds a PIN in clear or a digest.
 */
/** Internal: the backend's desired state of each lock and the sealed PINs it waits to deliver. */
public final class FleetDesired {
    private static final ObjectMapper JSON = Json.objectMapper();

    private final FleetTables tables;

    /** The desired state over {@code tables}. */
    public FleetDesired(FleetTables tables) {
        this.tables = tables;
    }

    /** One change to append: its type, payload fields, and a sealed PIN to keep under it (or null). */
    public record Change(String type, Map<String, Object> payload, SealedSecret sealedPin, int slot, int keyEpoch) {
    }

    /** Decides a change on the current desired state (inside the lock's transaction). */
    @FunctionalInterface
    public interface Decision {
        /** The change to record on {@code state}; throwing records nothing. */
        Change decide(DesiredState state);
    }

    /**
     * Appends the change {@code decision} makes on the lock's current desired state, in one
     * transaction holding the lock's row; returns the sequence it was recorded under.
     *
     * @throws LockNotEnrolledException if the lock is not enrolled
     */
    public long append(String lock, String by, Instant at, Decision decision) {
        return tables.inTransaction("recording a change of lock '" + lock + "'", c -> {
            if (!tables.lockRow(c, lock)) {
                throw new LockNotEnrolledException(lock);
            }
            DesiredState state = load(c, lock);
            Change change = decision.decide(state);
            long seq = state.lastSequence + 1;
            ObjectNode payload = JSON.valueToTree(change.payload());
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO fleet_desired (lock, sequence, type, payload, at, by_whom) VALUES (?, ?, ?, ?, ?, ?)")) {
                p.setString(1, lock);
                p.setLong(2, seq);
                p.setString(3, change.type());
                p.setString(4, payload.toString());
                p.setString(5, at.toString());
                p.setString(6, by);
                p.executeUpdate();
            }
            if (change.slot() > 0 && !change.type().equals("BatchIssued")
                    && (change.sealedPin() != null || change.type().equals("RemoveRequested"))) {
                // A new PIN, or an empty slot, replaces any PIN still waiting for the slot.
                try (PreparedStatement p = c.prepareStatement("DELETE FROM fleet_sealed_pin WHERE lock = ? AND slot = ?")) {
                    p.setString(1, lock);
                    p.setInt(2, change.slot());
                    p.executeUpdate();
                }
            }
            if (change.sealedPin() != null) {
                try (PreparedStatement p = c.prepareStatement("INSERT INTO fleet_sealed_pin (lock, slot, sequence, key_epoch,"
                        + " enc, ciphertext) VALUES (?, ?, ?, ?, ?, ?)")) {
                    p.setString(1, lock);
                    p.setInt(2, change.slot());
                    p.setLong(3, seq);
                    p.setInt(4, change.keyEpoch());
                    p.setString(5, change.sealedPin().enc());
                    p.setString(6, change.sealedPin().ciphertext());
                    p.executeUpdate();
                }
            }
            return seq;
        });
    }

    /** The lock's desired state now. */
    public DesiredState state(String lock) {
        return tables.read("reading the desired state of lock '" + lock + "'", c -> load(c, lock));
    }

    /** A sealed PIN kept for a slot, with the key epoch it is sealed to. */
    public record Sealed(SealedSecret secret, int keyEpoch) {
    }

    /** The sealed PINs waiting for delivery, by slot (the one under the slot's current PIN request). */
    public Map<Integer, Sealed> sealedPins(String lock) {
        return tables.read("reading the sealed PINs of lock '" + lock + "'", c -> {
            Map<Integer, Sealed> out = new TreeMap<>();
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT slot, key_epoch, enc, ciphertext FROM fleet_sealed_pin WHERE lock = ? ORDER BY slot, sequence")) {
                p.setString(1, lock);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        out.put(r.getInt(1), new Sealed(new SealedSecret(r.getString(3), r.getString(4)), r.getInt(2)));
                    }
                }
            }
            return out;
        });
    }

    /** Deletes the sealed PINs of {@code slot} kept under sequences up to {@code upTo}: the lock holds that PIN. */
    public void dropSealed(String lock, int slot, long upTo) {
        tables.inTransaction("dropping a delivered PIN of lock '" + lock + "'", c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "DELETE FROM fleet_sealed_pin WHERE lock = ? AND slot = ? AND sequence <= ?")) {
                p.setString(1, lock);
                p.setInt(2, slot);
                p.setLong(3, upTo);
                p.executeUpdate();
            }
            return null;
        });
    }

    private static DesiredState load(Connection c, String lock) throws SQLException {
        DesiredState s = new DesiredState();
        try (PreparedStatement p = c.prepareStatement(
                "SELECT sequence, type, payload, at, by_whom FROM fleet_desired WHERE lock = ? ORDER BY sequence")) {
            p.setString(1, lock);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    evolve(s, r.getLong(1), r.getString(2), tree(r.getString(3)), Instant.parse(r.getString(4)),
                            r.getString(5));
                }
            }
        }
        return s;
    }

    private static JsonNode tree(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One event's step. */
    static void evolve(DesiredState s, long seq, String type, JsonNode p, Instant at, String by) {
        s.lastSequence = seq;
        if (type.equals("BatchIssued")) {
            long batch = p.get("batch").asLong();
            s.lastBatch = batch;
            for (JsonNode op : p.get("operations")) {
                String id = op.asText();
                for (DesiredState.Slot slot : s.slots.values()) {
                    if (slot.operation().equals(id)) {
                        slot.lastBatch = batch;
                    }
                }
                if (s.mode != null && s.mode.operation().equals(id)) {
                    s.mode.lastBatch = batch;
                }
                for (DesiredState.Revocation r : s.revocations.values()) {
                    if (r.operation().equals(id)) {
                        r.lastBatch = batch;
                    }
                }
            }
            return;
        }
        if (type.equals("OfflineRevokeRequested")) {
            DesiredState.Revocation r = new DesiredState.Revocation();
            r.codeId = p.get("codeId").asText();
            r.until = Instant.parse(p.get("until").asText());
            r.keyEpoch = p.get("keyEpoch").asInt();
            r.generation = p.get("generation").asInt();
            r.opSeq = seq;
            r.by = by;
            r.at = at;
            s.revocations.put(r.codeId, r);
            return;
        }
        if (type.equals("ModeRequested")) {
            DesiredState.Mode m = new DesiredState.Mode();
            m.mode = OperatingMode.valueOf(p.get("mode").asText());
            m.opSeq = seq;
            m.by = by;
            m.at = at;
            s.mode = m;
            return;
        }
        DesiredState.Slot slot = s.slot(p.get("slot").asInt());
        switch (type) {
            case "CodeRequested" -> {
                slot.wanted = true;
                slot.type = UserType.valueOf(p.get("type").asText());
                slot.name = p.hasNonNull("name") ? p.get("name").asText() : null;
                try {
                    slot.rules = JSON.treeToValue(p.get("rules"), CodeRules.class);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                slot.suspended = false;
                slot.pinSeq = seq;
                slot.pinEpoch = p.get("keyEpoch").asInt();
            }
            case "PinChangeRequested" -> {
                slot.pinSeq = seq;
                slot.pinEpoch = p.get("keyEpoch").asInt();
            }
            case "SuspendRequested" -> slot.suspended = true;
            case "ResumeRequested" -> slot.suspended = false;
            case "RemoveRequested" -> slot.wanted = false;
            default -> throw new IllegalStateException("unknown desired-state event " + type);
        }
        slot.opSeq = seq;
        slot.by = by;
        slot.at = at;
        slot.lastBatch = null;
    }

    /** The payload of a BatchIssued event. */
    public static Change batchIssued(long batch, List<String> operations) {
        return new Change("BatchIssued", Map.of("batch", batch, "operations", operations), null, 0, 0);
    }
}
