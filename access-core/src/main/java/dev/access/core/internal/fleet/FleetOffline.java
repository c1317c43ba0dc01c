package dev.access.core.internal.fleet;

import dev.access.core.fleet.Enrollment;
import dev.access.core.fleet.LockNotEnrolledException;
import dev.access.core.fleet.OfflineCodeIssue;
import dev.access.core.fleet.OfflineCodeRefusedException;
import dev.access.core.fleet.OfflineIssuance;
import dev.access.crypto.IssuedOfflineCode;
import dev.access.crypto.SealedSecret;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import java.util.function.IntFunction;

/*
 * Implementation notes.
 *
 * fleet_offline_key holds each issuing key a lock handed over at enrollment, sealed to this
 * backend, by (lock, key epoch, generation), written in the enrollment's transaction. It is opened
 * only in memory, in the key ring, when a code is issued; nothing here ever holds it in clear.
 *
 * fleet_offline_code records each issuance (never the PIN): the key it was issued under, the code's
 * id, the validity it really has and its variant. An issuance is one transaction holding the lock's
 * row, so two nodes never hand out the same variant of a validity (the same PIN) twice.
 */
/** Internal: the offline issuing keys locks handed this backend, and the codes it issued with them. */
public final class FleetOffline {
    private final FleetTables tables;

    /** Over {@code tables}. */
    public FleetOffline(FleetTables tables) {
        this.tables = tables;
    }

    /**
     * An issuing key the backend holds, sealed to it.
     *
     * @param keyEpoch the lock's key epoch
     * @param generation the issuing-key generation
     * @param digits the lock's offline PIN length
     * @param zone the lock's time zone
     * @param sealed the key, sealed to this backend
     */
    public record HeldKey(int keyEpoch, int generation, int digits, ZoneId zone, SealedSecret sealed) {
    }

    /** Records the enrollment's sealed issuing key, if it carries one and it is new (inside the enrollment's transaction). */
    static void storeKey(Connection c, Enrollment e, Instant now) throws SQLException {
        Enrollment.OfflineKey k = e.offline();
        if (k == null) {
            return;
        }
        try (PreparedStatement p = c.prepareStatement(
                "SELECT 1 FROM fleet_offline_key WHERE lock = ? AND key_epoch = ? AND generation = ?")) {
            p.setString(1, e.lock());
            p.setInt(2, e.keyEpoch());
            p.setInt(3, k.generation());
            try (ResultSet r = p.executeQuery()) {
                if (r.next()) {
                    return;
                }
            }
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO fleet_offline_key (lock, key_epoch, generation,"
                + " digits, zone, enc, ciphertext, registered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            p.setString(1, e.lock());
            p.setInt(2, e.keyEpoch());
            p.setInt(3, k.generation());
            p.setInt(4, k.digits());
            p.setString(5, k.zone().getId());
            p.setString(6, k.sealedKey().enc());
            p.setString(7, k.sealedKey().ciphertext());
            p.setString(8, now.toString());
            p.executeUpdate();
        }
    }

    /** The newest issuing key the lock handed over (highest epoch, then generation), or null if none. */
    public HeldKey newestKey(String lock) {
        return tables.read("reading the offline issuing key of lock '" + lock + "'", c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT key_epoch, generation, digits, zone, enc, ciphertext"
                    + " FROM fleet_offline_key WHERE lock = ? ORDER BY key_epoch DESC, generation DESC LIMIT 1")) {
                p.setString(1, lock);
                try (ResultSet r = p.executeQuery()) {
                    return r.next() ? new HeldKey(r.getInt(1), r.getInt(2), r.getInt(3), ZoneId.of(r.getString(4)),
                            new SealedSecret(r.getString(5), r.getString(6))) : null;
                }
            }
        });
    }

    /**
     * What to issue: the validity's window and shape (the same for each of its variants) and the
     * issuance's other fields.
     */
    public record Request(Instant from, Instant until, boolean oneTime, String daily, int variants, String name,
            String by, Instant at) {
    }

    /**
     * Issues the lowest variant of the request's validity not yet issued under {@code key}, in one
     * transaction holding the lock's row, and records it. {@code issuer} makes the code of a variant.
     *
     * @throws OfflineCodeRefusedException VARIANTS_EXHAUSTED if every variant was issued
     * @throws LockNotEnrolledException if the lock is not enrolled
     */
    public OfflineCodeIssue issue(String lock, HeldKey key, Request q, IntFunction<IssuedOfflineCode> issuer) {
        return tables.inTransaction("issuing an offline code for lock '" + lock + "'", c -> {
            if (!tables.lockRow(c, lock)) {
                throw new LockNotEnrolledException(lock);
            }
            BitSet taken = new BitSet();
            try (PreparedStatement p = c.prepareStatement("SELECT variant, one_time, daily FROM fleet_offline_code"
                    + " WHERE lock = ? AND key_epoch = ? AND generation = ? AND valid_from = ? AND valid_until = ?")) {
                p.setString(1, lock);
                p.setInt(2, key.keyEpoch());
                p.setInt(3, key.generation());
                p.setString(4, q.from().toString());
                p.setString(5, q.until().toString());
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        if ((r.getInt(2) != 0) == q.oneTime() && Objects.equals(r.getString(3), q.daily())) {
                            taken.set(r.getInt(1));
                        }
                    }
                }
            }
            IssuedOfflineCode code = null;
            int variant = -1;
            while (code == null) {
                variant = taken.nextClearBit(variant + 1);
                if (variant >= q.variants()) {
                    throw new OfflineCodeRefusedException(OfflineCodeRefusedException.Reason.VARIANTS_EXHAUSTED, "all "
                            + q.variants() + " codes for the window " + q.from() + " to " + q.until()
                            + (q.daily() == null ? "" : " daily " + q.daily()) + (q.oneTime() ? " (one-time)" : "")
                            + " of lock " + lock + " are issued already (or share a PIN with another code during"
                            + " the window): ask for another window");
                }
                try {
                    code = issuer.apply(variant);
                } catch (dev.access.crypto.OfflineCodeCollisionException e) {
                    // Rare: this variant's PIN is another code's too during the window; the next is tried.
                }
            }
            try {
                OfflineIssuance i = new OfflineIssuance(lock, key.keyEpoch(), key.generation(), code.codeId(),
                        code.from(), code.until(), q.oneTime(), q.daily(), variant, q.name(), q.by(), q.at());
                try (PreparedStatement p = c.prepareStatement("INSERT INTO fleet_offline_code (lock, key_epoch,"
                        + " generation, code_id, valid_from, valid_until, one_time, daily, variant, code_name, by_whom,"
                        + " issued_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    p.setString(1, lock);
                    p.setInt(2, i.keyEpoch());
                    p.setInt(3, i.generation());
                    p.setString(4, i.codeId());
                    p.setString(5, i.from().toString());
                    p.setString(6, i.until().toString());
                    p.setInt(7, i.oneTime() ? 1 : 0);
                    p.setString(8, i.daily());
                    p.setInt(9, i.variant());
                    p.setString(10, i.name());
                    p.setString(11, i.by());
                    p.setString(12, i.issuedAt().toString());
                    p.executeUpdate();
                }
                return new OfflineCodeIssue(code, i);
            } catch (SQLException | RuntimeException e) {
                code.wipe();
                throw e;
            }
        });
    }

    /** Every offline code issued for the lock, oldest first. */
    public List<OfflineIssuance> issuances(String lock) {
        return tables.read("reading the offline codes of lock '" + lock + "'", c -> {
            List<OfflineIssuance> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT key_epoch, generation, code_id, valid_from, valid_until,"
                    + " one_time, daily, variant, code_name, by_whom, issued_at FROM fleet_offline_code WHERE lock = ?"
                    + " ORDER BY issued_at, key_epoch, generation, code_id")) {
                p.setString(1, lock);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        out.add(new OfflineIssuance(lock, r.getInt(1), r.getInt(2), r.getString(3),
                                Instant.parse(r.getString(4)), Instant.parse(r.getString(5)), r.getInt(6) != 0,
                                r.getString(7), r.getInt(8), r.getString(9), r.getString(10),
                                Instant.parse(r.getString(11))));
                    }
                }
            }
            return out;
        });
    }
}
