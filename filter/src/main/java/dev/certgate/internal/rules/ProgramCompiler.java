package dev.certgate.internal.rules;

import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a {@link RuleProgram} into one straight-line method of a hidden class: every instruction
 * of the program becomes the bytecode that the interpreter's loop would run for it, with the
 * jumps as branches, the per-pass memo in local variables, and each atom's literal, field, node or
 * group a {@code static final} field of the class. The JIT treats those as constants, so each
 * atom's test is a direct, inlinable call at a call site of its own (no dispatch on the
 * instruction, no megamorphic {@code Node.test}). Hidden classes are unloaded with the policy
 * that made them.
 *
 * <p>The generated method does exactly what {@link RuleProgram#interpret} does, step by step;
 * {@code RuleProgramDifferentialTest} checks both against each rule's own evaluation.
 */
final class ProgramCompiler {
    /** Bigger methods are not compiled by the JIT ({@code -XX:-DontCompileHugeMethods}): keep the interpreter. */
    static final int MAX_CODE = 8000;

    private static final String PACKAGE = "dev/certgate/internal/rules/";
    private static final String SELF = PACKAGE + "ProgramCompiler";
    private static final String VALUES = "L" + PACKAGE + "FieldValues;";
    private static final String OBJECT = "Ljava/lang/Object;";

    // Local variables of the generated run(FieldValues v, long stop, Supplier memos): the
    // arguments, then the interpreter's locals (known, truths and matched are longs: two slots).
    private static final int V = 1, STOP = 2, MEMOS = 4;
    private static final int KNOWN = 5, TRUTHS = 7, MATCHED = 9, ACC = 11, CHAIN_MEMO = 12, ASKED = 13, TEMP = 14;

    private final RuleProgram p;
    private final ClassBytes cls = new ClassBytes(CLASS);
    private final ClassBytes.Code code = new ClassBytes.Code(10, 16);
    /** Constants of the class, by identity: field i is {@code c<i>}. */
    private final Map<Object, Integer> constants = new IdentityHashMap<>();

    private final List<Object> data = new ArrayList<>();

    private ProgramCompiler(RuleProgram p) {
        this.p = p;
    }

    /** How many bytes of code the program's method would have (for tests and the benchmark's checks). */
    static int codeSize(RuleProgram p) {
        ProgramCompiler c = new ProgramCompiler(p);
        c.emitRun();
        return c.code.size();
    }

    /** The program as a class, or null when it is too big for the JIT (the interpreter runs it then). */
    static RuleProgram.Compiled compile(RuleProgram p) {
        try {
            ProgramCompiler c = new ProgramCompiler(p);
            byte[] bytes = c.classBytes();
            if (bytes == null) {
                return null;
            }
            MethodHandles.Lookup hidden =
                    MethodHandles.lookup().defineHiddenClassWithClassData(bytes, c.data.toArray(), true);
            return (RuleProgram.Compiled)
                    hidden.findConstructor(hidden.lookupClass(), java.lang.invoke.MethodType.methodType(void.class))
                            .invoke();
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            // A fault of this compiler, never of the rules: they still run, interpreted.
            System.getLogger("dev.certgate")
                    .log(System.Logger.Level.WARNING, "rule program: generated code refused, interpreting", e);
            return null;
        }
    }

    private byte[] classBytes() {
        cls.implement(PACKAGE + "RuleProgram$Compiled");
        emitRun();
        if (code.size() > MAX_CODE) {
            return null;
        }
        cls.method(0x0001, "run", "(" + VALUES + "JLjava/util/function/Supplier;)J", code);
        ClassBytes.Code init = new ClassBytes.Code(1, 1);
        init.op(0x2A)
                .op2(0xB7, cls.methodRef("java/lang/Object", "<init>", "()V"))
                .op(0xB1);
        cls.method(0x0001, "<init>", "()V", init);
        ClassBytes.Code clinit = new ClassBytes.Code(4, 1);
        clinit.op2(
                0xB8,
                cls.methodRef("java/lang/invoke/MethodHandles", "lookup", "()Ljava/lang/invoke/MethodHandles$Lookup;"));
        clinit.op2(0x13, cls.string("_"));
        clinit.op2(0x13, cls.classRef("[Ljava/lang/Object;"));
        clinit.op2(
                0xB8,
                cls.methodRef(
                        "java/lang/invoke/MethodHandles",
                        "classData",
                        "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/Class;)" + OBJECT));
        clinit.op2(0xC0, cls.classRef("[Ljava/lang/Object;"));
        clinit.op(0x3A, 0);
        for (int i = 0; i < data.size(); i++) {
            cls.field(0x001A, "c" + i, OBJECT);
            clinit.op(0x19, 0).op2(0x11, i).op(0x32).op2(0xB3, cls.fieldRef(className(), "c" + i, OBJECT));
        }
        clinit.op(0xB1);
        cls.method(0x0008, "<clinit>", "()V", clinit);
        return cls.toByteArray();
    }

    /** The generated class's name (the JVM adds a suffix of its own to a hidden class's). */
    private static final String CLASS = PACKAGE + "CompiledRules";

    private static String className() {
        return CLASS;
    }

    /** Pushes constant {@code o} (a static final field of the class). */
    private void constant(Object o) {
        Integer i = constants.get(o);
        if (i == null) {
            i = data.size();
            data.add(o);
            constants.put(o, i);
        }
        code.op2(0xB2, cls.fieldRef(className(), "c" + i, OBJECT));
    }

    private void longConstant(long v) {
        if (v == 0) {
            code.op(0x09);
        } else {
            code.op2(0x14, cls.longConstant(v));
        }
    }

    private void helper(String name, String descriptor) {
        code.op2(0xB8, cls.methodRef(SELF, name, descriptor));
    }

    /** Pushes {@code (local & mask) != 0} compared: leaves a long comparison for ifeq/ifne. */
    private void testBits(int local, long mask) {
        code.op(0x16, local);
        longConstant(mask);
        code.op(0x7F).op(0x09).op(0x94);
    }

    private void emitRun() {
        int[] program = p.code;
        int[] at = new int[program.length + 1];
        for (int i = 0; i < at.length; i++) {
            at[i] = code.label();
        }
        code.op(0x09).op(0x37, KNOWN);
        code.op(0x09).op(0x37, TRUTHS);
        code.op(0x09).op(0x37, MATCHED);
        code.op(0x03).op(0x36, ACC);
        code.op(0x01).op(0x3A, CHAIN_MEMO);
        code.op(0x03).op(0x36, ASKED);
        for (int pc = 0; pc < program.length; ) {
            code.bind(at[pc]);
            int ins = program[pc++];
            int op = ins & ((1 << RuleProgram.OP_BITS) - 1);
            int arg = ins >>> RuleProgram.OP_BITS;
            switch (op) {
                case RuleProgram.ATOM, RuleProgram.ATOM_JUMP_IF_FALSE, RuleProgram.ATOM_JUMP_IF_TRUE -> {
                    atom(arg);
                    if (op != RuleProgram.ATOM) {
                        code.op(0x15, ACC).branch(op == RuleProgram.ATOM_JUMP_IF_TRUE ? 0x9A : 0x99, at[program[pc++]]);
                    }
                }
                case RuleProgram.NOT -> code.op(0x15, ACC).op(0x04).op(0x82).op(0x36, ACC);
                case RuleProgram.JUMP_IF_FALSE -> code.op(0x15, ACC).branch(0x99, at[program[pc++]]);
                case RuleProgram.JUMP_IF_TRUE -> code.op(0x15, ACC).branch(0x9A, at[program[pc++]]);
                default -> result(1L << arg);
            }
        }
        code.bind(at[program.length]);
        code.op(0x16, MATCHED).op(0xAD);
    }

    /** acc = atom a, through the pass's memo (and the chain's) when it is remembered. */
    private void atom(int a) {
        if (a >= RuleProgram.MEMO) {
            testBoolean(a);
            code.op(0x36, ACC);
            return;
        }
        long bit = 1L << a;
        int known = code.label();
        testBits(KNOWN, bit);
        code.branch(0x9A, known);
        if (p.chainAtom(a)) {
            // the first certificate-only atom of the pass asks for the chain's memo (calls made
            // here, not in a shared helper, so that each class has call sites of its own)
            int asked = code.label();
            code.op(0x15, ASKED).branch(0x9A, asked);
            code.op(0x04).op(0x36, ASKED);
            code.op(0x19, MEMOS).branch(0xC6, asked);
            code.op(0x19, MEMOS)
                    .invokeInterface(cls.interfaceMethodRef("java/util/function/Supplier", "get", "()" + OBJECT), 0);
            code.op2(0xC0, cls.classRef(PACKAGE + "ChainMemo")).op(0x3A, CHAIN_MEMO);
            code.op(0x19, CHAIN_MEMO).branch(0xC6, asked);
            code.op(0x19, CHAIN_MEMO).op(p.list == 0 ? 0x03 : 0x04);
            code.invokeInterface(cls.interfaceMethodRef(PACKAGE + "ChainMemo", "known", "(I)J"), 1);
            longConstant(p.chainAtoms);
            code.op(0x7F).op(0x37, TEMP);
            code.op(0x16, KNOWN).op(0x16, TEMP).op(0x81).op(0x37, KNOWN);
            code.op(0x16, TRUTHS).op(0x19, CHAIN_MEMO).op(p.list == 0 ? 0x03 : 0x04);
            code.invokeInterface(cls.interfaceMethodRef(PACKAGE + "ChainMemo", "truths", "(I)J"), 1);
            code.op(0x16, TEMP).op(0x7F).op(0x81).op(0x37, TRUTHS);
            testBits(KNOWN, bit);
            code.branch(0x9A, known);
            code.bind(asked);
        }
        testTruths(a);
        code.op(0x37, TEMP);
        code.op(0x16, KNOWN);
        longConstant(p.learns[a]);
        code.op(0x81).op(0x37, KNOWN);
        code.op(0x16, TRUTHS).op(0x16, TEMP).op(0x81).op(0x37, TRUTHS);
        if (p.chainAtom(a)) {
            int learnt = code.label();
            long atoms = p.learns[a] & p.chainAtoms;
            code.op(0x19, CHAIN_MEMO).branch(0xC6, learnt);
            code.op(0x19, CHAIN_MEMO).op(p.list == 0 ? 0x03 : 0x04);
            longConstant(atoms);
            code.op(0x16, TEMP);
            longConstant(atoms);
            code.op(0x7F);
            code.invokeInterface(cls.interfaceMethodRef(PACKAGE + "ChainMemo", "learn", "(IJJ)V"), 5);
            code.bind(learnt);
        }
        code.bind(known);
        // acc = (int) (truths >>> a) & 1
        code.op(0x16, TRUTHS).op(0x10, a).op(0x7D).op(0x88).op(0x04).op(0x7E).op(0x36, ACC);
    }

    /** Pushes the truths (a long) that evaluating atom a learns: its group's, or its own bit. */
    private void testTruths(int a) {
        if (p.kinds[a] == RuleProgram.GROUP) {
            constant(p.args[a]);
            code.op(0x19, V);
            helper("group", "(" + OBJECT + VALUES + ")J");
            return;
        }
        testBoolean(a);
        code.op(0x85).op(0x10, a).op(0x79); // (long) answer << a
    }

    /** Pushes atom a's own answer (an int 0 or 1). */
    private void testBoolean(int a) {
        switch (p.kinds[a]) {
            case RuleProgram.BOOL -> {
                code.op(0x19, V);
                constant(p.fields[a]);
                code.op2(0xC0, cls.classRef(PACKAGE + "Field"));
                code.invokeInterface(
                        cls.interfaceMethodRef(PACKAGE + "FieldValues", "bool", "(L" + PACKAGE + "Field;)Z"), 1);
            }
            case RuleProgram.EQUALS, RuleProgram.CONTAINS, RuleProgram.IP -> {
                constant(p.args[a]);
                code.op(0x19, V);
                constant(p.fields[a]);
                String name = p.kinds[a] == RuleProgram.EQUALS
                        ? "equalsText"
                        : p.kinds[a] == RuleProgram.CONTAINS ? "containsText" : "ip";
                helper(name, "(" + OBJECT + VALUES + OBJECT + ")Z");
            }
            default -> { // NODE, or a group's member tested alone (atoms past the memo)
                constant(p.atoms[a]);
                code.op(0x19, V);
                helper("node", "(" + OBJECT + VALUES + ")Z");
            }
        }
    }

    /** Rule {@code ruleBit} matches if acc: record it, and end the pass if it is a stop. */
    private void result(long ruleBit) {
        int skip = code.label();
        code.op(0x15, ACC).branch(0x99, skip);
        code.op(0x16, MATCHED);
        longConstant(ruleBit);
        code.op(0x81).op(0x37, MATCHED);
        testBits(STOP, ruleBit);
        code.branch(0x99, skip);
        code.op(0x16, MATCHED).op(0xAD);
        code.bind(skip);
    }

    // ---- called by the generated code; each argument typed Object is a constant of the class

    static boolean equalsText(Object text, FieldValues v, Object field) {
        return ((String) text).equals(v.bytes((Field) field));
    }

    static boolean containsText(Object text, FieldValues v, Object field) {
        String s = v.bytes((Field) field);
        return s != null && s.contains((String) text);
    }

    static boolean ip(Object matcher, FieldValues v, Object field) {
        IpAddress ip = v.ip((Field) field);
        return ip != null && ((IpMatcher) matcher).matchIp(ip);
    }

    static boolean node(Object node, FieldValues v) {
        return ((Node) node).test(v);
    }

    static long group(Object group, FieldValues v) {
        return ((RuleProgram.Group) group).truths(v);
    }
}
