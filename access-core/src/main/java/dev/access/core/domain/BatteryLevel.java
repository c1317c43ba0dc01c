package dev.access.core.domain;

/** The battery's state as the lock judges it from the reported percentage. */
public enum BatteryLevel {
    /** Above 20 %. */
    OK,
    /** 20 % or less: replace soon. */
    LOW,
    /** 5 % or less: entries are refused with {@link DenialReason#INSUFFICIENT_BATTERY}. */
    CRITICAL;

    /** The threshold at or below which the battery is low. */
    public static final int LOW_PERCENT = 20;
    /** The threshold at or below which the battery is critical. */
    public static final int CRITICAL_PERCENT = 5;

    /** The level of a percentage 0-100. */
    public static BatteryLevel of(int percent) {
        if (percent <= CRITICAL_PERCENT) {
            return CRITICAL;
        }
        return percent <= LOW_PERCENT ? LOW : OK;
    }
}
