package dev.access.core.domain;

import static dev.access.core.domain.LockFixture.LOCK;
import static dev.access.core.domain.LockFixture.USER_PIN;
import static dev.access.core.domain.LockFixture.codeAdded;
import static dev.access.core.domain.LockFixture.commissioned;
import static dev.access.core.domain.LockFixture.minutes;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each named step of LockState changes exactly the components it names, and keeps every other one. */
class LockStateTest {
    private static final Instant T = minutes(5);

    /** A state in which every component differs from both the initial state and what the steps set. */
    private static LockState busy() {
        LockState s = LockDecider.fold(Stream.concat(commissioned().stream(),
                Stream.of(codeAdded(2, UserType.UNRESTRICTED, USER_PIN))).toList());
        return s.withMode(OperatingMode.VACATION, minutes(1), "owner")
                .withLockout(new LockoutState(2, 1, minutes(2), List.of(minutes(2)), false, null))
                .withBattery(60, BatteryLevel.OK)
                .withClock(minutes(3), true)
                .withBackend("0123456789abcdef", null);
    }

    private static Arguments step(String name, UnaryOperator<LockState> step, String... changed) {
        return Arguments.of(Named.of(name, step), Set.of(changed));
    }

    static Stream<Arguments> steps() {
        return Stream.of(
                step("withEventAt", s -> s.withEventAt(LockId.of("back-door"), T), "lockId", "clockFloor"),
                step("withCommissioning", s -> s.withCommissioning(s.profile().withFirmware("9"), 7),
                        "profile", "keyEpoch", "credentials", "mode", "modeSince", "modeSetBy", "lockout"),
                step("withFactoryReset", s -> s.withFactoryReset(7), "commissioned", "profile", "keyEpoch",
                        "credentials", "mode", "modeSince", "modeSetBy", "lockout", "factoryResets", "backendKeyId"),
                step("withCredentials", s -> s.withCredentials(Credentials.EMPTY), "credentials"),
                step("withLockout", s -> s.withLockout(LockoutState.CLEAR), "lockout"),
                step("withMode", s -> s.withMode(OperatingMode.PRIVACY, T, "admin"), "mode", "modeSince",
                        "modeSetBy"),
                step("withBattery", s -> s.withBattery(5, BatteryLevel.CRITICAL), "batteryPercent", "batteryLevel"),
                step("withFirmware", s -> s.withFirmware("9"), "profile"),
                step("withClock", s -> s.withClock(T, false), "clockFloor", "clockTrusted"),
                step("withBackend", s -> s.withBackend("fedcba9876543210", null), "backendKeyId"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("steps")
    void givenABusyState_whenStepped_thenExactlyTheNamedComponentsChange(UnaryOperator<LockState> step,
            Set<String> changed) throws ReflectiveOperationException {
        LockState before = busy();

        LockState after = step.apply(before);

        assertEquals(changed, differing(before, after));
    }

    @Test
    void givenAFloor_whenAnEarlierEventIsSeen_thenTheFloorStays() {
        LockState s = busy();

        assertEquals(minutes(3), s.withEventAt(LOCK, minutes(1)).clockFloor());
        assertEquals(T, s.withEventAt(LOCK, T).clockFloor());
    }

    private static Set<String> differing(LockState a, LockState b) throws ReflectiveOperationException {
        Set<String> out = new HashSet<>();
        for (RecordComponent c : LockState.class.getRecordComponents()) {
            if (!Objects.equals(c.getAccessor().invoke(a), c.getAccessor().invoke(b))) {
                out.add(c.getName());
            }
        }
        return out;
    }
}
