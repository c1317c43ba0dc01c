package dev.access.core.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.access.core.AccessControl;
import dev.access.core.LockSetup;
import dev.access.core.LockStore;
import dev.access.core.NewCode;
import dev.access.core.internal.axon.Serialization;
import dev.access.core.domain.BatteryLevel;
import dev.access.core.domain.EntrySource;
import dev.access.core.domain.LockEvent;
import dev.access.core.domain.LockId;
import dev.access.core.readmodel.AccessLogView;
import dev.access.core.SimulatedClock;
import dev.access.crypto.InMemoryKeyRing;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;

/**
 * The gap case of Axon's JDBC engine: an append that commits after later appends, and after the
 * processor's gap timeout, still reaches the access log.
 */
class LateCommitTest {
    private static final LockId LATE = LockId.of("late-lock");
    private static final LockId BUSY = LockId.of("busy-lock");

    @Test
    void givenAnAppendHeldOpenPastTheGapTimeout_whenItCommits_thenTheAccessLogStillGetsIt() throws Exception {
        EmbeddedPostgres pg = PgSupport.server();
        javax.sql.DataSource database = pg.getDatabase(PgSupport.USER, PgSupport.createDatabase(pg, "late"));
        {
            HikariConfig cfg = new HikariConfig();
            cfg.setDataSource(database);
            cfg.setMaximumPoolSize(4);
            cfg.setAutoCommit(true);
            SimulatedClock clock = new SimulatedClock(Instant.parse("2026-10-01T12:00:00Z"));
            try (HikariDataSource ds = new HikariDataSource(cfg);
                    LockStore store = LockStore.postgres(ds, Duration.ofSeconds(2))) {
                AccessControl access = AccessControl.builder().store(store).clock(clock)
                        .keyRing(InMemoryKeyRing.create()).build();
                try {
                    access.commission(LockSetup.of(LATE), "80808080".toCharArray());
                    access.commission(LockSetup.of(BUSY), "80808081".toCharArray());
                    access.addCode(BUSY, NewCode.unrestricted(1, "a"), "4826".toCharArray());
                    assertTrue(access.awaitAccessLog(Duration.ofSeconds(30)));
                    long lateSequence = access.state(LATE).commissioned() ? sequenceAfterLast(ds, LATE) : 0;

                    try (Connection held = database.getConnection()) {
                        held.setAutoCommit(false);
                        insertEvent(held, new LockEvent.BatteryReported(LATE, clock.instant(), 7, BatteryLevel.LOW),
                                lateSequence);
                        for (int i = 0; i < 20; i++) {
                            clock.advance(Duration.ofSeconds(1));
                            access.enter(BUSY, "4826".toCharArray(), EntrySource.REMOTE);
                        }
                        assertTrue(access.awaitAccessLog(Duration.ofSeconds(30)), "the processor passed the gap");
                        Thread.sleep(3_000); // past the 2 s gap timeout
                        access.enter(BUSY, "4826".toCharArray(), EntrySource.REMOTE);
                        assertTrue(access.awaitAccessLog(Duration.ofSeconds(30)));
                        held.commit();
                    }

                    AccessLogView view = access.accessLog(LATE);
                    assertEquals(7, view.batteryPercent(), "a query sees the late event");
                    // The next event of that lock makes the processor heal its stored view too.
                    access.reportBattery(LATE, 90);
                    assertTrue(access.awaitAccessLog(Duration.ofSeconds(30)));
                    assertEquals(lateSequence + 1, storedLastSequence(ds, LATE),
                            "the stored view includes the late event and the one after it");
                    assertEquals(90, access.accessLog(LATE).batteryPercent());
                } finally {
                    access.close();
                }
            }
        }
    }

    private static long sequenceAfterLast(HikariDataSource ds, LockId lock) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT max(sequenceNumber) FROM DomainEventEntry WHERE aggregateIdentifier = '"
                        + lock.value() + "'")) {
            r.next();
            return r.getLong(1) + 1;
        }
    }

    private static long storedLastSequence(HikariDataSource ds, LockId lock) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT lastSequence FROM AccessLogView WHERE lockId = '" + lock.value() + "'")) {
            assertTrue(r.next());
            return r.getLong(1);
        }
    }

    /** Appends an event as Axon's engine would, on a connection whose transaction stays open. */
    private static void insertEvent(Connection c, LockEvent event, long sequence) throws Exception {
        Serializer serializer = Serialization.serializer();
        try (PreparedStatement p = c.prepareStatement("INSERT INTO DomainEventEntry (eventIdentifier, aggregateIdentifier, "
                + "sequenceNumber, type, timeStamp, payloadType, payloadRevision, payload, metaData) "
                + "VALUES (?,?,?,?,?,?,?,?,?)")) {
            p.setString(1, UUID.randomUUID().toString());
            p.setString(2, event.lockId().value());
            p.setLong(3, sequence);
            p.setString(4, "LockAggregate");
            p.setString(5, DateTimeUtils.formatInstant(event.at()));
            p.setString(6, event.getClass().getName());
            p.setString(7, null);
            p.setBytes(8, serializer.serialize(event, byte[].class).getData());
            p.setBytes(9, serializer.serialize(MetaData.emptyInstance(), byte[].class).getData());
            p.executeUpdate();
        }
    }
}
