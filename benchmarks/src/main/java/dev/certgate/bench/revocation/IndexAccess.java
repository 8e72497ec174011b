package dev.certgate.bench.revocation;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.math.BigInteger;
import javax.security.auth.x500.X500Principal;

/**
 * Reaches the package-private CrlIndex without widening the filter's API: on the class path the
 * benchmarks and the filter share the unnamed module, so a private lookup is allowed. Handles in
 * static finals are inlined by the JIT like direct calls.
 */
final class IndexAccess {

    private static final MethodHandle PARSE;
    private static final MethodHandle BUILD;
    private static final MethodHandle FIND;
    private static final MethodHandle KEY;
    private static final MethodHandle FIND_KEY;
    private static final MethodHandle RETAINED;

    static {
        try {
            Class<?> index = Class.forName("dev.certgate.internal.revocation.crl.CrlIndex");
            Class<?> parsed = Class.forName("dev.certgate.internal.revocation.crl.ParsedCrl");
            Class<?> builder = Class.forName("dev.certgate.internal.revocation.crl.CrlIndexBuilder");
            MethodHandles.Lookup l = MethodHandles.privateLookupIn(index, MethodHandles.lookup());
            PARSE = l.findStatic(parsed, "parse", MethodType.methodType(parsed, byte[].class))
                    .asType(MethodType.methodType(Object.class, byte[].class));
            BUILD = l.findStatic(builder, "build", MethodType.methodType(index, parsed))
                    .asType(MethodType.methodType(Object.class, Object.class));
            FIND = l.findVirtual(index, "find", MethodType.methodType(int.class, BigInteger.class, X500Principal.class))
                    .asType(MethodType.methodType(int.class, Object.class, BigInteger.class, X500Principal.class));
            KEY = l.findVirtual(index, "key", MethodType.methodType(long[].class, BigInteger.class))
                    .asType(MethodType.methodType(long[].class, Object.class, BigInteger.class));
            FIND_KEY = l.findVirtual(index, "find", MethodType.methodType(int.class, long[].class, X500Principal.class))
                    .asType(MethodType.methodType(int.class, Object.class, long[].class, X500Principal.class));
            RETAINED = l.findVirtual(index, "retainedBytes", MethodType.methodType(long.class))
                    .asType(MethodType.methodType(long.class, Object.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private IndexAccess() {}

    /** Parses, indexes and drops the DER (no signature check: that is CrlBenchmark's load). */
    static Object build(byte[] der) throws Throwable {
        return (Object) BUILD.invokeExact((Object) PARSE.invokeExact(der));
    }

    static int find(Object index, BigInteger serial, X500Principal issuer) throws Throwable {
        return (int) FIND.invokeExact(index, serial, issuer);
    }

    static long[] key(Object index, BigInteger serial) throws Throwable {
        return (long[]) KEY.invokeExact(index, serial);
    }

    static int find(Object index, long[] key, X500Principal issuer) throws Throwable {
        return (int) FIND_KEY.invokeExact(index, key, issuer);
    }

    static long retainedBytes(Object index) throws Throwable {
        return (long) RETAINED.invokeExact(index);
    }
}
