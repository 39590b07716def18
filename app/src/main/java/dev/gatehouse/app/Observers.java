package dev.gatehouse.app;

import dev.gatehouse.core.ExchangeObserver;
import dev.gatehouse.core.ExchangeSummary;
import java.util.List;
import java.util.Objects;

/** Several exchange observers as one (metrics and the access log). */
final class Observers implements ExchangeObserver {
    private final ExchangeObserver[] all;

    private Observers(List<ExchangeObserver> all) {
        this.all = all.toArray(ExchangeObserver[]::new);
    }

    static ExchangeObserver of(ExchangeObserver... observers) {
        List<ExchangeObserver> present = java.util.Arrays.stream(observers).filter(Objects::nonNull).toList();
        return switch (present.size()) {
            case 0 -> ExchangeObserver.NONE;
            case 1 -> present.getFirst();
            default -> new Observers(present);
        };
    }

    @Override
    public void connectionOpened(String entryPoint, String protocol) {
        for (ExchangeObserver o : all) {
            o.connectionOpened(entryPoint, protocol);
        }
    }

    @Override
    public void connectionClosed(String entryPoint, String protocol) {
        for (ExchangeObserver o : all) {
            o.connectionClosed(entryPoint, protocol);
        }
    }

    @Override
    public void exchangeCompleted(ExchangeSummary summary) {
        for (ExchangeObserver o : all) {
            o.exchangeCompleted(summary);
        }
    }
}
