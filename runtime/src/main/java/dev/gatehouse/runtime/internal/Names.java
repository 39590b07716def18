package dev.gatehouse.runtime.internal;

/** Qualified element names: {@code name@provider}, as Traefik writes them. */
public final class Names {
    /** The provider of elements Gatehouse generates itself (entry-point redirections). */
    public static final String INTERNAL = "internal";

    private Names() {
    }

    /**
     * Qualifies a reference made inside a provider's config.
     *
     * @param reference {@code name} or {@code name@provider}
     * @param provider  the referring provider
     * @return {@code name@provider}
     */
    public static String qualify(String reference, String provider) {
        return reference.indexOf('@') >= 0 ? reference : reference + '@' + provider;
    }

    /**
     * @param qualified {@code name@provider}
     * @return the provider part, or an empty string
     */
    public static String providerOf(String qualified) {
        int at = qualified.lastIndexOf('@');
        return at < 0 ? "" : qualified.substring(at + 1);
    }

    /**
     * @param qualified {@code name@provider}
     * @return the name part
     */
    public static String localName(String qualified) {
        int at = qualified.lastIndexOf('@');
        return at < 0 ? qualified : qualified.substring(0, at);
    }
}
