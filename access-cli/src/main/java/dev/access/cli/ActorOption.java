package dev.access.cli;

import dev.access.core.domain.Actor;
import picocli.CommandLine.Option;

/** {@code --by NAME}: who does an administrative command, recorded (sealed) with its events. */
final class ActorOption {
    /** Who the trail names when {@code --by} is not given. */
    static final String DEFAULT = "local";

    @Option(names = "--by", paramLabel = "NAME",
            description = "Who does it, for the trail (default: local). Personal data: kept sealed, erasable with forget.")
    String by = DEFAULT;

    /** A local administrator named by {@code --by}. */
    Actor local() {
        return Actor.local(by);
    }

    /** The installer named by {@code --by} (at commissioning). */
    Actor installer() {
        return Actor.installer(by);
    }
}
