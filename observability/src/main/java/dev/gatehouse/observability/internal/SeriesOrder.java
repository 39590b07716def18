package dev.gatehouse.observability.internal;

import java.util.Comparator;

/** Orders request series for a stable scrape: by name, service, code, method, protocol. */
public final class SeriesOrder implements Comparator<RequestLabels> {
    /** The one instance. */
    public static final SeriesOrder INSTANCE = new SeriesOrder();

    private static final Comparator<String> TEXT = Comparator.nullsFirst(Comparator.naturalOrder());

    private SeriesOrder() {
    }

    @Override
    public int compare(RequestLabels a, RequestLabels b) {
        int c = TEXT.compare(a.name(), b.name());
        if (c == 0) {
            c = TEXT.compare(a.service(), b.service());
        }
        if (c == 0) {
            c = TEXT.compare(a.code(), b.code());
        }
        if (c == 0) {
            c = TEXT.compare(a.method(), b.method());
        }
        return c != 0 ? c : TEXT.compare(a.protocol(), b.protocol());
    }
}
