package dev.certgate.internal.rules;

import java.util.Objects;

/** A type of the language: a scalar, or an array / map of another type. */
final class Type {
    enum Kind {
        BOOL,
        INT,
        BYTES,
        IP,
        ARRAY,
        MAP
    }

    static final Type BOOL = new Type(Kind.BOOL, null);
    static final Type INT = new Type(Kind.INT, null);
    static final Type BYTES = new Type(Kind.BYTES, null);
    static final Type IP = new Type(Kind.IP, null);
    static final Type BYTES_ARRAY = array(BYTES);
    static final Type BOOL_ARRAY = array(BOOL);

    final Kind kind;
    /** Element type of an array or map, else null. */
    final Type element;

    private Type(Kind kind, Type element) {
        this.kind = kind;
        this.element = element;
    }

    static Type array(Type element) {
        return new Type(Kind.ARRAY, element);
    }

    static Type map(Type element) {
        return new Type(Kind.MAP, element);
    }

    static Type of(FieldType fieldType) {
        switch (fieldType) {
            case BOOL:
                return BOOL;
            case INT:
                return INT;
            case BYTES:
                return BYTES;
            case IP:
                return IP;
            case BYTES_ARRAY:
                return BYTES_ARRAY;
            case BYTES_ARRAY_MAP:
                return map(BYTES_ARRAY);
            case BYTES_ARRAY_ARRAY:
                return array(BYTES_ARRAY);
            case BYTES_ARRAY_MAP_ARRAY:
                return array(map(BYTES_ARRAY));
            default:
                throw new AssertionError(fieldType);
        }
    }

    boolean isContainer() {
        return kind == Kind.ARRAY || kind == Kind.MAP;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Type && ((Type) o).kind == kind && Objects.equals(((Type) o).element, element);
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + Objects.hashCode(element);
    }

    /** Cloudflare's documentation names: Bytes are shown as "String". */
    @Override
    public String toString() {
        switch (kind) {
            case BOOL:
                return "Boolean";
            case INT:
                return "Integer";
            case BYTES:
                return "String";
            case IP:
                return "IP address";
            case ARRAY:
                return "Array<" + element + ">";
            default:
                return "Map<" + element + ">";
        }
    }
}
