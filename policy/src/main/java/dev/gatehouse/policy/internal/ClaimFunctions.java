package dev.gatehouse.policy.internal;

import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelFunctionBinding;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The claim functions Traefik Hub's JWT {@code claims} syntax translates to, callable from CEL as well. Each
 * takes the claims map and a claim path (the keys of nested objects, outermost first) and is false when the
 * claim is absent or of a type the check does not apply to.
 *
 * <pre>
 *  Equals(`a.b`, `x`)            ─▶ claimEquals(claims, ["a", "b"], "x")
 *  Prefix(`k`, `x`)              ─▶ claimPrefix(claims, ["k"], "x")
 *  Contains(`k`, `x`)            ─▶ claimContains(claims, ["k"], "x")
 *  SplitContains(`k`, ` `, `x`)  ─▶ claimSplitContains(claims, ["k"], " ", "x")
 *  OneOf(`k`, `x`, `y`)          ─▶ claimOneOf(claims, ["k"], ["x", "y"])
 * </pre>
 */
public final class ClaimFunctions {
    static final String EQUALS = "claimEquals";
    static final String PREFIX = "claimPrefix";
    static final String CONTAINS = "claimContains";
    static final String SPLIT_CONTAINS = "claimSplitContains";
    static final String ONE_OF = "claimOneOf";

    private static final ListType STRINGS = ListType.create(SimpleType.STRING);

    private ClaimFunctions() {
    }

    /** @return the declarations for the type checker */
    public static List<CelFunctionDecl> declarations() {
        return List.of(
                decl(EQUALS, STRINGS, SimpleType.STRING),
                decl(PREFIX, STRINGS, SimpleType.STRING),
                decl(CONTAINS, STRINGS, SimpleType.STRING),
                decl(SPLIT_CONTAINS, STRINGS, SimpleType.STRING, SimpleType.STRING),
                decl(ONE_OF, STRINGS, STRINGS));
    }

    /** @return the implementations for the runtime */
    public static List<CelFunctionBinding> bindings() {
        return List.of(
                binding(EQUALS, a -> equalsCheck(claim(a), (String) a[2]), String.class),
                binding(PREFIX, a -> prefixCheck(claim(a), (String) a[2]), String.class),
                binding(CONTAINS, a -> containsCheck(claim(a), (String) a[2]), String.class),
                binding(SPLIT_CONTAINS, a -> splitContainsCheck(claim(a), (String) a[2], (String) a[3]),
                        String.class, String.class),
                binding(ONE_OF, a -> oneOfCheck(claim(a), (List<?>) a[2]), List.class));
    }

    private static CelFunctionDecl decl(String name, CelType... rest) {
        CelType[] args = new CelType[rest.length + 1];
        args[0] = Variables.CLAIMS_TYPE;
        System.arraycopy(rest, 0, args, 1, rest.length);
        return CelFunctionDecl.newFunctionDeclaration(name,
                CelOverloadDecl.newGlobalOverload(name + "_overload", SimpleType.BOOL, args));
    }

    /** A binding over (claims map, path list, the given argument types...). */
    private static CelFunctionBinding binding(String name, Predicate<Object[]> check, Class<?>... rest) {
        List<Class<?>> types = new ArrayList<>(List.of(Map.class, List.class));
        types.addAll(List.of(rest));
        return CelFunctionBinding.from(name + "_overload", types, args -> check.test(args));
    }

    private static Object claim(Object[] args) {
        return ClaimPath.lookup((Map<?, ?>) args[0], (List<?>) args[1]);
    }

    static boolean equalsCheck(Object claim, String value) {
        String text = CelValues.scalarText(claim);
        return text != null && text.equals(value);
    }

    static boolean prefixCheck(Object claim, String value) {
        String text = CelValues.scalarText(claim);
        return text != null && text.startsWith(value);
    }

    static boolean containsCheck(Object claim, String value) {
        if (claim instanceof List<?> list) {
            for (Object item : list) {
                if (equalsCheck(item, value)) {
                    return true;
                }
            }
            return false;
        }
        String text = CelValues.scalarText(claim);
        return text != null && text.contains(value);
    }

    static boolean splitContainsCheck(Object claim, String separator, String value) {
        if (!(claim instanceof String text) || separator.isEmpty()) {
            return false;
        }
        int from = 0;
        while (from <= text.length()) {
            int at = text.indexOf(separator, from);
            int end = at < 0 ? text.length() : at;
            if (text.regionMatches(from, value, 0, value.length()) && end - from == value.length()) {
                return true;
            }
            if (at < 0) {
                return false;
            }
            from = at + separator.length();
        }
        return false;
    }

    static boolean oneOfCheck(Object claim, List<?> values) {
        for (Object v : values) {
            if (claim instanceof List<?> ? containsCheck(claim, (String) v) : equalsCheck(claim, (String) v)) {
                return true;
            }
        }
        return false;
    }
}
