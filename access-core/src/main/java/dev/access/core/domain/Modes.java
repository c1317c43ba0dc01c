package dev.access.core.domain;

import static dev.access.core.domain.Checks.requireNonNull;
import static dev.access.core.domain.Checks.text;

import dev.access.core.domain.LockCommand.ChangeMode;
import dev.access.core.domain.LockEvent.ModeChanged;
import java.util.List;

/** The operating mode: who may open, set by an administrator (what each mode forbids is in {@link Entry}). */
final class Modes {
    private Modes() {
    }

    /** Changes the mode; the mode the lock is already in changes nothing. */
    static List<LockEvent> change(ChangeMode c, Situation x) {
        requireNonNull(c.mode(), "mode");
        String by = Checks.personal(c.by(), "by");
        Actor actor = Checks.actor(c.actor());
        OperatingMode from = x.state().mode();
        return c.mode() == from ? List.of() : List.of(new ModeChanged(c.lockId(), c.at(), from, c.mode(), by, actor));
    }

    /** The lock is in the new mode, since the event, set by whoever the event names. */
    static LockState changed(ModeChanged e, LockState s) {
        return s.withMode(e.to(), e.at(), e.by() != null || e.actor() == null ? e.by()
                : e.actor().channel() == Actor.Channel.BACKEND ? "backend:" + e.actor().keyId() : e.actor().who());
    }
}
