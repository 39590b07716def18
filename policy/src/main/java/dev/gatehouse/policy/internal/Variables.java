package dev.gatehouse.policy.internal;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.cel.common.types.CelType;
import dev.cel.common.types.CelTypeProvider;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.StructType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The declared shape of the standard variables. {@code request} and {@code consumer} are declared as struct
 * types so the type checker rejects an unknown field ({@code request.methd}) when the config loads; at run
 * time they are lazy maps ({@link RequestView}, {@link ConsumerView}), which the interpreter selects from.
 */
public final class Variables {
    /** The request variable's name. */
    public static final String REQUEST = "request";
    /** The consumer variable's name. */
    public static final String CONSUMER = "consumer";
    /** The claims variable's name. */
    public static final String CLAIMS = "claims";

    /** {@code map(string, dyn)}: JSON claims. */
    public static final CelType CLAIMS_TYPE = MapType.create(SimpleType.STRING, SimpleType.DYN);

    /** The request's type. */
    public static final StructType REQUEST_TYPE = struct("gatehouse.Request", requestFields());
    /** The consumer's type. */
    public static final StructType CONSUMER_TYPE = struct("gatehouse.Consumer", consumerFields());

    /** Makes both struct types known to the type checker. */
    public static final CelTypeProvider TYPES = new CelTypeProvider() {
        @Override
        public ImmutableList<CelType> types() {
            return ImmutableList.of(REQUEST_TYPE, CONSUMER_TYPE);
        }

        @Override
        public Optional<CelType> findType(String name) {
            return types().stream().filter(t -> t.name().equals(name)).findFirst();
        }
    };

    private Variables() {
    }

    private static Map<String, CelType> requestFields() {
        Map<String, CelType> f = new LinkedHashMap<>();
        f.put(RequestView.METHOD, SimpleType.STRING);
        f.put(RequestView.PATH, SimpleType.STRING);
        f.put(RequestView.HOST, SimpleType.STRING);
        f.put(RequestView.SCHEME, SimpleType.STRING);
        f.put(RequestView.HEADERS, MapType.create(SimpleType.STRING, SimpleType.STRING));
        f.put(RequestView.QUERY, MapType.create(SimpleType.STRING, SimpleType.STRING));
        f.put(RequestView.IP, SimpleType.STRING);
        return f;
    }

    private static Map<String, CelType> consumerFields() {
        Map<String, CelType> f = new LinkedHashMap<>();
        f.put(ConsumerView.ID, SimpleType.STRING);
        f.put(ConsumerView.GROUPS, ListType.create(SimpleType.STRING));
        f.put(ConsumerView.SCOPES, ListType.create(SimpleType.STRING));
        f.put(ConsumerView.CLAIMS, CLAIMS_TYPE);
        f.put(ConsumerView.PLAN, SimpleType.STRING);
        f.put(ConsumerView.METHOD, SimpleType.STRING);
        return f;
    }

    private static StructType struct(String name, Map<String, CelType> fields) {
        Map<String, CelType> copy = Map.copyOf(fields);
        return StructType.create(name, ImmutableSet.copyOf(fields.keySet()), f -> Optional.ofNullable(copy.get(f)));
    }
}
