package dev.access.cli;

import dev.access.core.domain.DeviceEventKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What the lock's hardware reports: {@code battery}, {@code device}, {@code firmware}. */
final class DeviceCommands {
    private DeviceCommands() {
    }

    /** {@code lockctl battery --percent P}. */
    @Command(name = "battery", description = "Record a battery report (0-100 %%; 5 %% or less refuses entries).")
    static final class Battery extends StoreCommand {
        @Option(names = "--percent", required = true, paramLabel = "P", description = "The battery level, 0-100.")
        int percent;

        @Override
        void prepare() {
            requireNotNegative("--percent", percent);
        }

        @Override
        int execute(StoreOpener.Session session, Console console) {
            return console.done(commandName(), lock, session.access().reportBattery(lock, percent));
        }
    }

    /** {@code lockctl device jammed|door-forced|tamper|restarted}. */
    @Command(name = "device", description = "Record a device event (it raises the matching alarm).")
    static final class Device extends StoreCommand {
        @Parameters(index = "0", paramLabel = "EVENT", converter = Converters.DeviceEventConverter.class,
                description = "jammed, door-forced, tamper or restarted.")
        DeviceEventKind kind;

        @Override
        int execute(StoreOpener.Session session, Console console) {
            return console.done(commandName(), lock, session.access().reportDeviceEvent(lock, kind));
        }
    }

    /** {@code lockctl firmware --version V}. */
    @Command(name = "firmware", description = "Record a firmware update.")
    static final class Firmware extends StoreCommand {
        @Option(names = "--version", required = true, paramLabel = "V", description = "The installed version.")
        String version;

        @Override
        int execute(StoreOpener.Session session, Console console) {
            return console.done(commandName(), lock, session.access().updateFirmware(lock, version));
        }
    }
}
