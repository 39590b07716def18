package dev.gatehouse.policy;

import dev.cel.bundle.Cel;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.CelKind;
import dev.cel.common.types.CelType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelVariableResolver;
import dev.gatehouse.core.HttpRequest;
import dev.gatehouse.core.RequestContext;
import dev.gatehouse.core.spi.InvalidSpecException;
import dev.gatehouse.policy.internal.CelEnvironments;
import dev.gatehouse.policy.internal.CelValues;
import dev.gatehouse.policy.internal.HubClaims;
import dev.gatehouse.policy.internal.RequestActivation;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A CEL expression compiled once (parsed and type-checked when the config loads) and evaluated per request.
 *
 * <pre>
 *  config text ─compile(source, keyPath)─▶ PolicyExpression ─test(ctx, req)──────────▶ boolean (error ─▶ false)
 *               (CEL error ─▶ InvalidSpecException)          ─evaluateString(ctx, req)─▶ String  (error ─▶ null)
 *  claims text ─compileClaims(source, keyPath)──────────────▶ testClaims(claims) ─────▶ boolean (error ─▶ false)
 * </pre>
 *
 * <p>Request expressions see {@code request} ({@code method}, {@code path}, {@code host}, {@code scheme},
 * {@code headers}, {@code query}, {@code ip}), {@code consumer} ({@code id}, {@code groups}, {@code scopes},
 * {@code claims}, {@code plan}, {@code method}) and {@code claims} (the Consumer's claims). Without a Consumer
 * the expression sees the anonymous one ({@code consumer.id == "anonymous"}). Variables are resolved lazily:
 * an expression pays only for what it reads. Evaluation fails closed: an error (a missing map key, a type
 * mismatch at run time) makes {@link #test} false and {@link #evaluateString} null. Instances are immutable and
 * thread-safe.
 */
public final class PolicyExpression {
    /** What a boolean evaluation gave: true, false, or an error. */
    public enum Outcome {
        /** The expression was true. */
        TRUE,
        /** The expression was false. */
        FALSE,
        /** The expression could not be evaluated, or did not give a bool. */
        ERROR
    }

    private final String source;
    private final String celSource;
    private final CelRuntime.Program program;
    private final CelKind resultKind;

    private PolicyExpression(String source, String celSource, CelRuntime.Program program, CelKind resultKind) {
        this.source = source;
        this.celSource = celSource;
        this.program = program;
        this.resultKind = resultKind;
    }

    /**
     * Compiles a request expression whose result is a bool or a string (or {@code dyn}, checked when evaluated).
     *
     * @param source  the CEL source
     * @param keyPath the config key the source came from, for errors
     * @return the compiled expression
     * @throws InvalidSpecException on a syntax or type error (with CEL's message and column) or another result type
     */
    public static PolicyExpression compile(String source, String keyPath) {
        return compileIn(CelEnvironments.request(), source, source, keyPath, CelKind.BOOL, CelKind.STRING);
    }

    /**
     * Compiles a request expression that must give a bool (a policy rule).
     *
     * @param source  the CEL source
     * @param keyPath the config key, for errors
     * @return the compiled expression
     * @throws InvalidSpecException on a CEL error or a result that is not a bool
     */
    public static PolicyExpression compileBool(String source, String keyPath) {
        return compileIn(CelEnvironments.request(), source, source, keyPath, CelKind.BOOL);
    }

    /**
     * Compiles a request expression that must give a string (a rate-limit key).
     *
     * @param source  the CEL source
     * @param keyPath the config key, for errors
     * @return the compiled expression
     * @throws InvalidSpecException on a CEL error or a result that is not a string
     */
    public static PolicyExpression compileString(String source, String keyPath) {
        return compileIn(CelEnvironments.request(), source, source, keyPath, CelKind.STRING);
    }

    /**
     * Compiles a JWT claims check: a bool CEL expression over {@code claims}, or Traefik Hub's claims syntax
     * ({@code Equals(`grp`, `admin`) && !Prefix(`sub`, `svc-`)}), which is translated to CEL.
     *
     * @param source  the CEL or Hub source
     * @param keyPath the config key, for errors
     * @return the compiled expression
     * @throws InvalidSpecException on a syntax or type error, with its column
     */
    public static PolicyExpression compileClaims(String source, String keyPath) {
        String cel = HubClaims.looksLikeHub(source) ? HubClaims.toCel(source, keyPath) : source;
        return compileIn(CelEnvironments.claims(), source, cel, keyPath, CelKind.BOOL);
    }

    private static PolicyExpression compileIn(Cel cel, String source, String celSource, String keyPath,
                                              CelKind... allowed) {
        if (celSource == null || celSource.isBlank()) {
            throw new InvalidSpecException(keyPath, "an expression is required");
        }
        CelAbstractSyntaxTree ast;
        try {
            ast = cel.compile(celSource).getAst();
        } catch (CelValidationException e) {
            throw new InvalidSpecException(keyPath, "invalid CEL expression: " + describe(e));
        }
        CelType type = ast.getResultType();
        boolean ok = type.kind() == CelKind.DYN;
        for (CelKind k : allowed) {
            ok |= type.kind() == k;
        }
        if (!ok) {
            throw new InvalidSpecException(keyPath, "the expression gives " + type.name() + "; expected "
                    + Arrays.stream(allowed).map(k -> k.name().toLowerCase(Locale.ROOT))
                            .collect(Collectors.joining(" or ")));
        }
        try {
            return new PolicyExpression(source, celSource, cel.createProgram(ast), type.kind());
        } catch (CelEvaluationException e) {
            throw new InvalidSpecException(keyPath, "invalid CEL expression: " + e.getMessage());
        }
    }

    private static String describe(CelValidationException e) {
        if (e.getErrors().isEmpty()) {
            return e.getMessage();
        }
        return e.getErrors().stream().map(PolicyExpression::describe).collect(Collectors.joining("; "));
    }

    private static String describe(CelIssue issue) {
        var loc = issue.getSourceLocation();
        if (loc.getLine() <= 0) {
            return issue.getMessage();
        }
        return "line " + loc.getLine() + ", column " + (loc.getColumn() + 1) + ": " + issue.getMessage();
    }

    /**
     * Evaluates the expression as a condition; fails closed.
     *
     * @param ctx the exchange's context
     * @param req the request
     * @return true only when the expression evaluated to true
     */
    public boolean test(RequestContext ctx, HttpRequest req) {
        return evaluate(ctx, req) == Outcome.TRUE;
    }

    /**
     * Evaluates the expression as a condition and tells an error apart from false, for callers that must fail
     * closed in the other direction (a deny rule that cannot be evaluated denies).
     *
     * @param ctx the exchange's context
     * @param req the request
     * @return the outcome
     */
    public Outcome evaluate(RequestContext ctx, HttpRequest req) {
        return evaluate(variables(ctx, req));
    }

    /**
     * The variables of one request, to evaluate several expressions over it: what one expression reads (the
     * headers joined, the query parsed, the claims converted) is then read once for all of them.
     *
     * @param ctx the exchange's context
     * @param req the request
     * @return the variables; use them only for this request, on its event loop
     */
    public static Variables variables(RequestContext ctx, HttpRequest req) {
        return new Variables(new RequestActivation(ctx, req));
    }

    /**
     * Like {@link #evaluate(RequestContext, HttpRequest)}, over variables shared with other expressions.
     *
     * @param vars the request's variables
     * @return the outcome
     */
    public Outcome evaluate(Variables vars) {
        Object v = eval(vars.activation);
        if (v instanceof Boolean b) {
            return b ? Outcome.TRUE : Outcome.FALSE;
        }
        return Outcome.ERROR;
    }

    /**
     * Evaluates the expression as text, for keys. A bool or number result gives its text.
     *
     * @param ctx the exchange's context
     * @param req the request
     * @return the text, or null when evaluation failed or gave a list, map or null
     */
    public String evaluateString(RequestContext ctx, HttpRequest req) {
        Object v = eval(new RequestActivation(ctx, req));
        return v instanceof String s ? s : CelValues.scalarText(v);
    }

    /**
     * Evaluates a claims check; fails closed.
     *
     * @param claims the token's claims (JSON types); null is treated as no claims
     * @return true only when the expression evaluated to true
     */
    public boolean testClaims(Map<String, Object> claims) {
        Map<String, Object> values = CelValues.claims(claims);
        return Boolean.TRUE.equals(eval(name -> "claims".equals(name) ? Optional.of(values) : Optional.empty()));
    }

    private Object eval(CelVariableResolver vars) {
        try {
            return program.eval(vars);
        } catch (CelEvaluationException | RuntimeException e) {
            return null;
        }
    }

    /** @return the source as configured */
    public String source() {
        return source;
    }

    /** @return the CEL source evaluated: the configured source, or the translation of Hub claims syntax */
    public String celSource() {
        return celSource;
    }

    /** @return true when the checker proved the result is a bool */
    public boolean isBool() {
        return resultKind == CelKind.BOOL;
    }

    @Override
    public String toString() {
        return "PolicyExpression(" + source + ")";
    }

    /** One request's variables, built lazily and shared by the expressions evaluated over it. */
    public static final class Variables {
        private final RequestActivation activation;

        private Variables(RequestActivation activation) {
            this.activation = activation;
        }
    }
}
