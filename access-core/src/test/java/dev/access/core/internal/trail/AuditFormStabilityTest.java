package dev.access.core.internal.trail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.access.core.domain.CodeRules;
import dev.access.core.domain.LockEvent;
import dev.access.core.domain.LockId;
import dev.access.core.domain.TimeWindow;
import dev.access.core.domain.UserType;
import dev.access.core.domain.WeekDaySchedule;
import dev.access.crypto.CodeDigest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The audit form of an event is the same bytes in every JVM: the chain is computed by the process
 * that appends an event and checked against bytes another process exports.
 */
class AuditFormStabilityTest {
    /** An event with every collection the domain serializes. */
    static LockEvent sample() {
        byte[] d = new byte[32];
        for (int i = 0; i < 32; i++) {
            d[i] = (byte) (i * 7);
        }
        Instant t = Instant.parse("2026-03-01T08:00:00Z");
        return new LockEvent.CodeAdded(LockId.of("stable"), t, 3, UserType.SCHEDULE_RESTRICTED, "cleaner",
                CodeDigest.fromBytes(d), new CodeRules(t, t.plusSeconds(86_400 * 30),
                        List.of(new WeekDaySchedule(EnumSet.allOf(DayOfWeek.class), LocalTime.of(9, 0), LocalTime.of(12, 0)),
                                new WeekDaySchedule(EnumSet.of(DayOfWeek.SUNDAY, DayOfWeek.WEDNESDAY, DayOfWeek.MONDAY),
                                        LocalTime.of(14, 0), LocalTime.of(15, 30))),
                        List.of(new TimeWindow(t.plusSeconds(3600), t.plusSeconds(7200))), 5, null));
    }

    /** Child JVM: prints the sample's audit form. */
    public static void main(String[] args) {
        System.out.println(new String(AuditForm.bytes(sample()), StandardCharsets.UTF_8));
    }

    @Test
    void auditForm_isIdenticalInSeparateJvms() throws Exception {
        String here = new String(AuditForm.bytes(sample()), StandardCharsets.UTF_8);
        assertTrue(here.contains("\"MONDAY\",\"TUESDAY\",\"WEDNESDAY\""), "days in week order: " + here);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (int i = 0; i < 4; i++) {
            Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    AuditFormStabilityTest.class.getName()).redirectErrorStream(true).start();
            String there = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(here, there, "audit form in child JVM " + i);
        }
    }
}
