package dev.access.core.domain;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One handler for each record type of a sealed interface, looked up by the value's class: the
 * exhaustive dispatch Java 17 has no switch for. A table is only built with every permitted type
 * handled, and a value of a type it does not know fails loudly, naming only the type.
 *
 * @param <T> the sealed interface
 * @param <X> what a handler is given besides the value
 * @param <R> what a handler returns
 */
final class HandlerTable<T, X, R> {
    /** What one type's values are handled with. */
    @FunctionalInterface
    interface Handler<S, X, R> {
        /** The result for {@code value} given {@code context}. */
        R handle(S value, X context);
    }

    private final Class<T> sealed;
    private final Map<Class<?>, Handler<?, X, R>> handlers;

    private HandlerTable(Class<T> sealed, Map<Class<?>, Handler<?, X, R>> handlers) {
        this.sealed = sealed;
        this.handlers = Map.copyOf(handlers);
    }

    /** A builder of a table over the permitted types of {@code sealed}. */
    static <T, X, R> Builder<T, X, R> over(Class<T> sealed) {
        if (!sealed.isSealed()) {
            throw new IllegalArgumentException(sealed.getName() + " is not sealed");
        }
        return new Builder<>(sealed);
    }

    /**
     * The result of {@code value}'s handler given {@code context}.
     *
     * @throws IllegalStateException naming the value's type (never its contents) when no handler
     *     is registered for it
     */
    R handle(T value, X context) {
        @SuppressWarnings("unchecked") // registered by on(type, Handler<? super type>) and looked up by exact class
        Handler<T, X, R> h = (Handler<T, X, R>) handlers.get(value.getClass());
        if (h == null) {
            throw new IllegalStateException("no handler for " + sealed.getSimpleName() + " type "
                    + value.getClass().getName());
        }
        return h.handle(value, context);
    }

    /** The types with a handler. */
    Set<Class<?>> types() {
        return handlers.keySet();
    }

    /** Collects one handler per type; {@link #build()} refuses an incomplete table. */
    static final class Builder<T, X, R> {
        private final Class<T> sealed;
        private final Map<Class<?>, Handler<?, X, R>> handlers = new HashMap<>();

        private Builder(Class<T> sealed) {
            this.sealed = sealed;
        }

        /** Handles values of {@code type} with {@code handler}; a type is registered once. */
        <S extends T> Builder<T, X, R> on(Class<S> type, Handler<? super S, X, R> handler) {
            if (!type.isRecord()) {
                throw new IllegalArgumentException(type.getName() + " is not a record type");
            }
            if (handlers.putIfAbsent(type, handler) != null) {
                throw new IllegalStateException("two handlers for " + type.getName());
            }
            return this;
        }

        /**
         * The table.
         *
         * @throws IllegalStateException naming every permitted type of the sealed interface that
         *     has no handler
         */
        HandlerTable<T, X, R> build() {
            Set<Class<?>> missing = missing(sealed, handlers.keySet());
            if (!missing.isEmpty()) {
                throw new IllegalStateException("no handler for " + sealed.getSimpleName() + " type(s) "
                        + missing.stream().map(Class::getName).sorted().collect(Collectors.joining(", ")));
            }
            return new HandlerTable<>(sealed, handlers);
        }
    }

    /** The permitted types of {@code sealed} that {@code handled} lacks. */
    static Set<Class<?>> missing(Class<?> sealed, Set<Class<?>> handled) {
        return Arrays.stream(sealed.getPermittedSubclasses()).filter(c -> !handled.contains(c))
                .collect(Collectors.toSet());
    }
}
