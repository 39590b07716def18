package dev.gatehouse.policy.internal;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelBuilder;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelOptions;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;

/**
 * The two CEL environments, built once per process: the request environment ({@code request},
 * {@code consumer}, {@code claims}) and the claims environment ({@code claims} only) for JWT claim checks.
 * Both have the standard macros ({@code has}, {@code all}, {@code exists}, ...), the string extensions and
 * the claim functions. {@link Cel} instances are immutable and thread-safe.
 */
public final class CelEnvironments {
    /**
     * Comprehensions ({@code all}, {@code exists}, {@code map}) stop after this many iterations in all: an
     * expression over a client-controlled list (headers, claims) cannot spin an event loop.
     */
    public static final int MAX_ITERATIONS = 1000;

    private static final Cel REQUEST = base()
            .setTypeProvider(Variables.TYPES)
            .addVar(Variables.REQUEST, Variables.REQUEST_TYPE)
            .addVar(Variables.CONSUMER, Variables.CONSUMER_TYPE)
            .addVar(Variables.CLAIMS, Variables.CLAIMS_TYPE)
            .build();

    private static final Cel CLAIMS = base()
            .addVar(Variables.CLAIMS, Variables.CLAIMS_TYPE)
            .build();

    private CelEnvironments() {
    }

    /** @return the environment with {@code request}, {@code consumer} and {@code claims} */
    public static Cel request() {
        return REQUEST;
    }

    /** @return the environment with {@code claims} only */
    public static Cel claims() {
        return CLAIMS;
    }

    private static CelBuilder base() {
        CelOptions options = CelOptions.current()
                .comprehensionMaxIterations(MAX_ITERATIONS)
                // JSON numbers reach us as int or double depending on the token library: compare them by value.
                .enableHeterogeneousNumericComparisons(true)
                .build();
        return CelFactory.standardCelBuilder()
                .setOptions(options)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .addCompilerLibraries(CelExtensions.strings())
                .addRuntimeLibraries(CelExtensions.strings())
                .addFunctionDeclarations(ClaimFunctions.declarations())
                .addFunctionBindings(ClaimFunctions.bindings());
    }
}
