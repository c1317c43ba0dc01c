package dev.access.core.domain;

/**
 * Who did an administrative action, and through which channel: what every administrative event
 * records (Matter records the fabric that created and last modified a credential; this records
 * the person or system and the way in).
 *
 * <p>{@code who} is personal data: in a lock's events it is sealed under the actor's own key
 * ({@link dev.access.crypto.PersonalData}), so erasing the actor makes it unreadable everywhere
 * while the trail still verifies; the embedding API seals it, the caller hands it in clear. A
 * backend's batch names its backend key id instead of a person.
 *
 * @param who the person or identifier, or null (a backend batch, or the keypad's master code)
 * @param channel the way the action came in
 * @param keyId the backend's key id for {@link Channel#BACKEND} (16 lower-case hex digits), else null
 */
public record Actor(String who, Channel channel, String keyId) {
    /** The ways an administrative action reaches a lock. */
    public enum Channel {
        /** At the keypad, authorised by the master code. */
        KEYPAD,
        /** A local administrator (on the lock hub, or through {@code lockctl}). */
        LOCAL,
        /** A remote administrator (an app or service talking to the lock directly). */
        REMOTE,
        /** A programming batch signed by the lock's backend (its key id is recorded). */
        BACKEND,
        /** The installer, at commissioning. */
        INSTALLER
    }

    /** The embedding API's default for an administrative call: the local administrator "local". */
    public static final Actor LOCAL = new Actor("local", Channel.LOCAL, null);
    /** The embedding API's default at commissioning: the installer "installer". */
    public static final Actor INSTALLER = new Actor("installer", Channel.INSTALLER, null);

    /** A local administrator named {@code who}. */
    public static Actor local(String who) {
        return new Actor(who, Channel.LOCAL, null);
    }

    /** A remote administrator named {@code who}. */
    public static Actor remote(String who) {
        return new Actor(who, Channel.REMOTE, null);
    }

    /** The installer named {@code who}. */
    public static Actor installer(String who) {
        return new Actor(who, Channel.INSTALLER, null);
    }

    /** Someone at the keypad with the master code ({@code who} may be null: the keypad does not know). */
    public static Actor keypad(String who) {
        return new Actor(who, Channel.KEYPAD, null);
    }

    /** The backend whose key id is {@code keyId}, through a signed batch. */
    public static Actor backend(String keyId) {
        return new Actor(null, Channel.BACKEND, keyId);
    }

    /** The same actor with {@code who} replaced (by its sealed form, when the API records it). */
    public Actor withWho(String next) {
        return new Actor(next, channel, keyId);
    }

    /** The channel's name as people read it: "keypad", "local", "remote", "backend …" or "installer". */
    public String via() {
        if (channel == null) {
            return "unknown channel";
        }
        return channel == Channel.BACKEND ? "backend " + keyId : channel.name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public String toString() {
        // who may be a sealed value: never printed.
        return "Actor[" + via() + "]";
    }
}
