package dev.access.core;

/**
 * Process-wide Axon settings this library insists on: Axon 4.13's update checker (which contacts
 * a remote server at start-up) and its console banner are switched off, unless the embedding
 * application has set the properties itself.
 */
final class AxonDefaults {
    private AxonDefaults() {
    }

    static void apply() {
        if (System.getProperty("axoniq.update-checker.disabled") == null) {
            System.setProperty("axoniq.update-checker.disabled", "true");
        }
        if (System.getProperty("disable-axoniq-console-message") == null) {
            System.setProperty("disable-axoniq-console-message", "true");
        }
    }
}
