package dev.certgate.internal.rules;

/** The right-hand side of a comparison, applied to a present (non-null) left-hand value. */
abstract class Matcher {
    /** The operator and its operand as printed: {@code eq}, {@code in}, {@code contains}… */
    private final String word;

    private final Object operand;

    Matcher(String word, Object operand) {
        this.word = word;
        this.operand = operand;
    }

    abstract boolean match(Object value);

    /** Prints the operator and its operand, with a leading space. */
    final void print(StringBuilder sb) {
        sb.append(' ').append(word).append(' ').append(operand);
    }

    /** eq, ne, lt, le, gt, ge. */
    enum Order {
        EQ("eq"),
        NE("ne"),
        LT("lt"),
        LE("le"),
        GT("gt"),
        GE("ge");

        final String word;

        Order(String word) {
            this.word = word;
        }

        boolean holds(int comparison) {
            switch (this) {
                case EQ:
                    return comparison == 0;
                case NE:
                    return comparison != 0;
                case LT:
                    return comparison < 0;
                case LE:
                    return comparison <= 0;
                case GT:
                    return comparison > 0;
                default:
                    return comparison >= 0;
            }
        }
    }
}
