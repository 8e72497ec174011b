package dev.certgate.internal.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A rule list compiled into one linear program over shared tests ("atoms"), run in one method
 * whose memo lives in local variables, so a pass allocates nothing.
 *
 * <ul>
 *   <li>The and/or/not of every rule become jumps; what is left are atoms (a comparison, a Bool
 *       field, {@code any(…)}, a function call…). An atom written the same way in several rules
 *       is one atom, evaluated at most once per pass: {@code not (cert_verified and issuer_ski eq
 *       "…")} in four rules reads the two fields once.
 *   <li>Atoms that compare one field with literals for equality ({@code eq}, {@code in {…}}) form
 *       a group: the first of them the pass reaches reads the field once and looks its value up in
 *       one table of every member's literals, which answers them all. The same for {@code
 *       any(f[*] eq "…")} on one array or one map key: one walk over the list answers every member.
 *       This subsumes {@link RuleSet}'s index: a rule whose first test is answered false ends at
 *       its first jump.
 * </ul>
 *
 * Rules run in order and an atom runs only when its rule reaches it, as when each rule is
 * evaluated alone, so a certificate field is read only by a request whose rules get that far;
 * a group reads only the field its members read. Up to {@link #MEMO} atoms are remembered and
 * grouped; later ones are evaluated each time they are reached.
 */
final class RuleProgram {
    /** Atoms remembered per pass (one bit each in a {@code long}); also the rules a program holds. */
    static final int MEMO = 64;

    /** {@code acc = atom}. */
    static final int ATOM = 0;
    /** {@code acc = atom}; then, if acc is false, jump to the target in the next word. */
    static final int ATOM_JUMP_IF_FALSE = 1;
    /** {@code acc = atom}; then, if acc is true, jump to the target in the next word. */
    static final int ATOM_JUMP_IF_TRUE = 2;

    static final int NOT = 3;
    /** If acc is false, jump to the target in the next word. */
    static final int JUMP_IF_FALSE = 4;

    static final int JUMP_IF_TRUE = 5;
    /** Rule {@code arg} matches if acc is true. */
    static final int RESULT = 6;

    static final int OP_BITS = 3;

    /** How an atom is tested: the commonest shapes right here, without a call through the node. */
    static final byte NODE = 0;

    static final byte BOOL = 1;
    static final byte EQUALS = 2;
    static final byte CONTAINS = 3;
    static final byte IP = 4;
    static final byte GROUP = 5;

    /** Instructions: the operation in the low {@link #OP_BITS} bits, its argument above them. */
    final int[] code;

    final Node[] atoms;
    /** Per atom: how it is tested, the field it reads, and the literal or matcher (or group) it needs. */
    final byte[] kinds;

    final Field[] fields;
    final Object[] args;
    /** Per remembered atom: the atoms whose answers its evaluation learns (its group, or itself). */
    final long[] learns;

    /** The remembered atoms that read only chain-constant fields: answered by the chain's {@link ChainMemo}. */
    final long chainAtoms;

    /** Which of its group's lists this program is, in a {@link ChainMemo}. */
    final int list;

    /** The program as one generated method ({@link ProgramCompiler}), or null: then {@link #interpret} runs it. */
    private final Compiled compiled;

    /** A program compiled to a class of its own. */
    interface Compiled {
        long run(FieldValues v, long stop, java.util.function.Supplier<? extends ChainMemo> memos);
    }

    private RuleProgram(
            int[] code,
            Node[] atoms,
            byte[] kinds,
            Field[] fields,
            Object[] args,
            long[] learns,
            long chainAtoms,
            int list) {
        this.code = code;
        this.atoms = atoms;
        this.kinds = kinds;
        this.fields = fields;
        this.args = args;
        this.learns = learns;
        this.chainAtoms = chainAtoms;
        this.list = list;
        this.compiled = ProgramCompiler.compile(this); // last: it reads the fields above
    }

    /** The program of the first {@link #MEMO} rules (result bit i for rule i), list {@code list} of a {@link ChainMemo}. */
    static RuleProgram of(Expression[] rules, int list) {
        Builder b = new Builder();
        for (int i = 0; i < Math.min(rules.length, MEMO); i++) {
            b.leadPending = true;
            b.emit(rules[i].work());
            b.op(RESULT, i);
        }
        return b.build(list);
    }

    /** Whether atom {@code a} is answered by the chain's memo (for tests). */
    boolean chainAtom(int a) {
        return a < MEMO && (chainAtoms & (1L << a)) != 0;
    }

    /**
     * Runs the rules in order and returns the set of those that match (bit i for rule i). Stops
     * after the first matching rule whose bit is in {@code stop}: later rules are not evaluated
     * and their bits are clear. {@code memos} (null for none) is asked for the chain's memo when
     * the first certificate-only atom is reached; it may answer null (nothing remembered).
     */
    long run(FieldValues v, long stop, java.util.function.Supplier<? extends ChainMemo> memos) {
        Compiled c = compiled;
        return c != null ? c.run(v, stop, memos) : interpret(v, stop, memos);
    }

    /** Whether the program runs as generated code (false when it is too big for it). */
    boolean generated() {
        return compiled != null;
    }

    /** {@link #run}, by interpreting the instructions: what the generated code does, step by step. */
    long interpret(FieldValues v, long stop, java.util.function.Supplier<? extends ChainMemo> memos) {
        final int[] code = this.code;
        long known = 0;
        long truths = 0;
        long matched = 0;
        boolean acc = false;
        boolean asked = memos == null;
        ChainMemo memo = null;
        int pc = 0;
        while (pc < code.length) {
            int ins = code[pc++];
            int op = ins & ((1 << OP_BITS) - 1);
            int arg = ins >>> OP_BITS;
            if (op <= ATOM_JUMP_IF_TRUE) { // ATOM, ATOM_JUMP_IF_FALSE, ATOM_JUMP_IF_TRUE
                if (arg >= MEMO) {
                    acc = test(arg, v);
                } else {
                    long bit = 1L << arg;
                    if ((known & bit) == 0 && (chainAtoms & bit) != 0 && !asked) {
                        // the first certificate-only atom of the pass: one read answers every one remembered
                        asked = true;
                        memo = memos.get();
                        if (memo != null) {
                            long k = memo.known(list) & chainAtoms;
                            known |= k;
                            truths |= memo.truths(list) & k;
                        }
                    }
                    if ((known & bit) == 0) {
                        long learnt = learns[arg];
                        long t = kinds[arg] == GROUP ? ((Group) args[arg]).truths(v) : test(arg, v) ? bit : 0;
                        known |= learnt;
                        truths |= t;
                        if (memo != null && (chainAtoms & bit) != 0) {
                            memo.learn(list, learnt & chainAtoms, t & chainAtoms);
                        }
                    }
                    acc = (truths & bit) != 0;
                }
                if (op == ATOM) {
                    continue;
                }
                pc = acc == (op == ATOM_JUMP_IF_TRUE) ? code[pc] : pc + 1;
                continue;
            }
            switch (op) {
                case NOT:
                    acc = !acc;
                    break;
                case JUMP_IF_FALSE:
                    pc = acc ? pc + 1 : code[pc];
                    break;
                case JUMP_IF_TRUE:
                    pc = acc ? code[pc] : pc + 1;
                    break;
                default: // RESULT
                    if (acc) {
                        long rule = 1L << arg;
                        matched |= rule;
                        if ((stop & rule) != 0) {
                            return matched;
                        }
                    }
            }
        }
        return matched;
    }

    /** Atom {@code a}'s own answer (not through its group). */
    private boolean test(int a, FieldValues v) {
        switch (kinds[a]) {
            case BOOL:
                return v.bool(fields[a]);
            case EQUALS:
                return ((String) args[a]).equals(v.bytes(fields[a]));
            case CONTAINS: {
                String s = v.bytes(fields[a]);
                return s != null && s.contains((String) args[a]);
            }
            case IP: {
                IpAddress ip = v.ip(fields[a]);
                return ip != null && ((IpMatcher) args[a]).matchIp(ip);
            }
            default:
                return atoms[a].test(v);
        }
    }

    /** Atoms answered together from one read of their field. */
    abstract static class Group {
        final Field field;
        /** Each literal: the atoms it makes true. */
        final Map<String, Long> table;

        Group(Field field, Map<String, Long> table) {
            this.field = field;
            this.table = table;
        }

        abstract long truths(FieldValues v);

        final long lookup(String s) {
            Long atoms = table.get(s);
            return atoms == null ? 0 : atoms;
        }
    }

    /**
     * {@code f eq "…"}, {@code f in {…}} on one Bytes field, and {@code f contains "…"} where it is
     * the first test of its rule (so evaluated whenever that rule runs): one read answers all.
     */
    private static final class EqualityGroup extends Group {
        private final String[] needles;
        /** Per needle, the atoms it answers. */
        private final long[] needleAtoms;

        EqualityGroup(Field field, Map<String, Long> table, Map<String, Long> needles) {
            super(field, table);
            this.needles = needles.keySet().toArray(new String[0]);
            this.needleAtoms = new long[this.needles.length];
            for (int i = 0; i < this.needles.length; i++) {
                needleAtoms[i] = needles.get(this.needles[i]);
            }
        }

        @Override
        long truths(FieldValues v) {
            String s = v.bytes(field);
            if (s == null) {
                return 0;
            }
            long t = lookup(s);
            for (int i = 0; i < needles.length; i++) {
                if (s.contains(needles[i])) {
                    t |= needleAtoms[i];
                }
            }
            return t;
        }
    }

    /** IP comparisons on one field that are each the first test of their rule: one read answers all. */
    private static final class IpGroup extends Group {
        private final IpMatcher[] matchers;
        private final long[] atoms;

        IpGroup(Field field, List<IpMatcher> matchers, List<Long> atoms) {
            super(field, Map.of());
            this.matchers = matchers.toArray(new IpMatcher[0]);
            this.atoms = atoms.stream().mapToLong(Long::longValue).toArray();
        }

        @Override
        long truths(FieldValues v) {
            IpAddress ip = v.ip(field);
            long t = 0;
            if (ip != null) {
                for (int i = 0; i < matchers.length; i++) {
                    if (matchers[i].matchIp(ip)) {
                        t |= atoms[i];
                    }
                }
            }
            return t;
        }
    }

    /** {@code any(f[*] eq "…")} on one array field, or {@code any(f["key"][*] eq "…")} on one map key. */
    private static final class AnyEqualsGroup extends Group {
        /** The map key, or null for an array field. */
        private final String key;

        AnyEqualsGroup(Field field, String key, Map<String, Long> table) {
            super(field, table);
            this.key = key;
        }

        @Override
        long truths(FieldValues v) {
            List<String> items = ArrayLogic.AnyEquals.items(v, field, key);
            long t = 0;
            if (items != null) {
                for (int i = 0, n = items.size(); i < n; i++) {
                    t |= lookup(items.get(i));
                }
            }
            return t;
        }
    }

    /** What a group of atoms shares: the field (and map key) they read, and how they read it. */
    private record GroupKey(Field field, String key, boolean any) {}

    private static final class Builder {
        private final List<Integer> code = new ArrayList<>();
        private final List<Node> atoms = new ArrayList<>();
        /** Atoms by what they print (and their class): the same test written twice is one atom. */
        private final Map<String, Integer> atomIndex = new HashMap<>();

        /** Set at the start of each rule: the next atom is the rule's first test, always run. */
        boolean leadPending;
        /** The atoms that are some rule's first test. */
        private long leads;

        /** Where the last ATOM was emitted, so that a jump right after it fuses with it. */
        private int lastAtom = -1;

        void op(int op, int arg) {
            code.add(op | arg << OP_BITS);
        }

        /** A jump whose target is patched in later; returns where the target goes. */
        private int jump(boolean ifTrue) {
            int last = code.size() - 1;
            if (last == lastAtom) {
                code.set(
                        last,
                        (ifTrue ? ATOM_JUMP_IF_TRUE : ATOM_JUMP_IF_FALSE) | code.get(last) & ~((1 << OP_BITS) - 1));
            } else {
                op(ifTrue ? JUMP_IF_TRUE : JUMP_IF_FALSE, 0);
            }
            code.add(-1);
            return code.size() - 1;
        }

        void emit(Node n) {
            if (n instanceof Logic.Flat flat) {
                Node[] operands = flat.source.work;
                List<Integer> toEnd = new ArrayList<>();
                for (int i = 0; i < operands.length; i++) {
                    emit(operands[i]);
                    if (i < operands.length - 1) {
                        toEnd.add(jump(!flat.and));
                    }
                }
                for (int at : toEnd) {
                    code.set(at, code.size());
                }
                if (!toEnd.isEmpty()) {
                    lastAtom = -1; // a jump lands here: a following jump must stay an instruction of its own
                }
            } else if (n instanceof Logic.Not not) {
                emit(not.operand.evaluated());
                op(NOT, 0);
            } else if (n instanceof Logic.NotBoolField nb) {
                op(ATOM, atom(new BoolFieldNode(nb.field)));
                op(NOT, 0);
            } else {
                op(ATOM, atom(n));
                lastAtom = code.size() - 1;
            }
        }

        private int atom(Node n) {
            String printed = n.toString();
            // A named list is resolved when a rule is compiled: equal text need not mean equal lists.
            String key = printed.contains("$") ? null : n.getClass().getName() + ' ' + printed;
            Integer known = key == null ? null : atomIndex.get(key);
            int a = known != null ? known : atoms.size();
            if (known == null) {
                atoms.add(n);
                if (key != null) {
                    atomIndex.put(key, a);
                }
            }
            if (leadPending && a < MEMO) {
                leads |= 1L << a;
            }
            leadPending = false;
            return a;
        }

        RuleProgram build(int list) {
            int n = atoms.size();
            byte[] kinds = new byte[n];
            Field[] fields = new Field[n];
            Object[] args = new Object[n];
            for (int a = 0; a < n; a++) {
                kind(atoms.get(a), a, kinds, fields, args);
            }
            long[] learns = new long[Math.min(n, MEMO)];
            Map<GroupKey, Map<String, Long>> tables = new LinkedHashMap<>();
            Map<GroupKey, Long> members = new HashMap<>();
            // Tests that are not equalities join a group only as the first test of a rule: evaluated
            // early, they cost no more than their rule would have spent on them anyway.
            Map<GroupKey, Map<String, Long>> needles = new HashMap<>();
            Map<Field, List<IpMatcher>> ipMatchers = new LinkedHashMap<>();
            Map<Field, List<Long>> ipAtoms = new HashMap<>();
            for (int a = 0; a < n; a++) {
                Node atom = atoms.get(a);
                if (a >= MEMO) {
                    continue;
                }
                learns[a] = 1L << a;
                Literals l = Literals.of(atom);
                if (l != null) {
                    Map<String, Long> table = tables.computeIfAbsent(l.group, k -> new HashMap<>());
                    for (String text : l.texts) {
                        table.merge(text, 1L << a, (x, y) -> x | y);
                    }
                    members.merge(l.group, 1L << a, (x, y) -> x | y);
                } else if ((leads & (1L << a)) != 0 && kinds[a] == CONTAINS) {
                    GroupKey k = new GroupKey(fields[a], null, false);
                    tables.computeIfAbsent(k, x -> new HashMap<>());
                    needles.computeIfAbsent(k, x -> new HashMap<>()).merge((String) args[a], 1L << a, (x, y) -> x | y);
                    members.merge(k, 1L << a, (x, y) -> x | y);
                } else if ((leads & (1L << a)) != 0 && kinds[a] == IP) {
                    ipMatchers
                            .computeIfAbsent(fields[a], x -> new ArrayList<>())
                            .add((IpMatcher) args[a]);
                    ipAtoms.computeIfAbsent(fields[a], x -> new ArrayList<>()).add(1L << a);
                }
            }
            for (Map.Entry<Field, List<Long>> e : ipAtoms.entrySet()) {
                if (e.getValue().size() < 2) {
                    continue;
                }
                Group g = new IpGroup(e.getKey(), ipMatchers.get(e.getKey()), e.getValue());
                long mask = e.getValue().stream().mapToLong(Long::longValue).reduce(0, (x, y) -> x | y);
                join(g, mask, kinds, args, learns);
            }
            for (Map.Entry<GroupKey, Map<String, Long>> e : tables.entrySet()) {
                long mask = members.get(e.getKey());
                if (Long.bitCount(mask) < 2) {
                    continue; // alone, the atom's own test is as cheap as the lookup
                }
                GroupKey k = e.getKey();
                Map<String, Long> table = Map.copyOf(e.getValue());
                Group g = k.any
                        ? new AnyEqualsGroup(k.field, k.key, table)
                        : new EqualityGroup(k.field, table, needles.getOrDefault(k, Map.of()));
                join(g, mask, kinds, args, learns);
            }
            long chainAtoms = 0;
            for (int a = 0; a < learns.length; a++) {
                java.util.Set<Field> read = java.util.EnumSet.noneOf(Field.class);
                atoms.get(a).collectFields(read);
                // A bare cert_verified is the chain's cached verdict, answered directly
                // (ClientCertificate.bool): asking the memo for it would cost more than reading it.
                if (Field.chainConstant(read) && !(kinds[a] == BOOL && fields[a] == Field.CERT_VERIFIED)) {
                    chainAtoms |= 1L << a;
                }
            }
            int[] program = code.stream().mapToInt(Integer::intValue).toArray();
            checkJumps(program);
            return new RuleProgram(program, atoms.toArray(new Node[0]), kinds, fields, args, learns, chainAtoms, list);
        }

        /** The atoms of {@code mask} are answered by {@code g}: evaluating any of them learns them all. */
        private static void join(Group g, long mask, byte[] kinds, Object[] args, long[] learns) {
            for (int a = 0; a < learns.length; a++) {
                if ((mask & (1L << a)) != 0) {
                    kinds[a] = GROUP;
                    args[a] = g;
                    learns[a] = mask;
                }
            }
        }

        /**
         * Every jump goes forward onto an instruction, so a run ends after at most one step per
         * word: a fault here fails the rule set's compilation rather than looping at run time.
         */
        private static void checkJumps(int[] program) {
            java.util.BitSet starts = new java.util.BitSet();
            List<int[]> jumps = new ArrayList<>();
            for (int pc = 0; pc < program.length; ) {
                starts.set(pc);
                int op = program[pc] & ((1 << OP_BITS) - 1);
                boolean hasTarget = op == ATOM_JUMP_IF_FALSE
                        || op == ATOM_JUMP_IF_TRUE
                        || op == JUMP_IF_FALSE
                        || op == JUMP_IF_TRUE;
                if (hasTarget) {
                    jumps.add(new int[] {pc, program[pc + 1]});
                }
                pc += hasTarget ? 2 : 1;
            }
            for (int[] j : jumps) {
                if (j[1] <= j[0] || j[1] > program.length || j[1] < program.length && !starts.get(j[1])) {
                    throw new IllegalStateException("rule program: bad jump from " + j[0] + " to " + j[1]);
                }
            }
        }

        private static void kind(Node atom, int a, byte[] kinds, Field[] fields, Object[] args) {
            if (atom instanceof BoolFieldNode b) {
                kinds[a] = BOOL;
                fields[a] = b.field;
            } else if (atom instanceof Comparison.BytesFieldEquals eq) {
                kinds[a] = EQUALS;
                fields[a] = eq.field;
                args[a] = eq.text();
            } else if (atom instanceof Comparison.OnBytesField on
                    && on.matcher instanceof BytesMatcher.Contains c
                    && c.containsText() != null) {
                kinds[a] = CONTAINS;
                fields[a] = on.field;
                args[a] = c.containsText();
            } else if (atom instanceof Comparison.OnIpField on) {
                kinds[a] = IP;
                fields[a] = on.field;
                args[a] = on.matcher();
            }
        }
    }

    /** An atom that is true exactly when its field's value (or one element) is one of some texts. */
    private record Literals(GroupKey group, java.util.Set<String> texts) {
        static Literals of(Node atom) {
            if (atom instanceof Comparison.BytesFieldEquals eq) {
                return new Literals(new GroupKey(eq.field, null, false), java.util.Set.of(eq.text()));
            }
            if (atom instanceof Comparison.OnBytesField on && on.matcher.equalTexts() != null) {
                return new Literals(new GroupKey(on.field, null, false), on.matcher.equalTexts());
            }
            if (atom instanceof ArrayLogic.AnyEquals any) {
                return new Literals(new GroupKey(any.field(), any.key(), true), java.util.Set.of(any.text()));
            }
            return null;
        }
    }
}
