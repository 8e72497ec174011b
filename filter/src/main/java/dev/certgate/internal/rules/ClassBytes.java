package dev.certgate.internal.rules;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The bytes of one small class file (JVM spec, chapter 4): a constant pool, static fields and
 * methods with code, nothing else. Version 49, so the code needs no stack map frames (the JVM
 * infers the types). Only what {@link ProgramCompiler} needs: the JDK 17 has no class-file API,
 * and a library for it would be a dependency of the filter jar.
 */
final class ClassBytes {
    private static final int VERSION = 49;

    private final ByteArrayOutputStream poolBytes = new ByteArrayOutputStream();
    private final DataOutputStream pool = new DataOutputStream(poolBytes);
    private final Map<String, Integer> entries = new HashMap<>();
    private int poolCount = 1;

    private final String name;
    private final List<byte[]> fields = new ArrayList<>();
    private final List<byte[]> methods = new ArrayList<>();
    private final List<String> interfaces = new ArrayList<>();

    /** @param name internal name ({@code a/b/C}) */
    ClassBytes(String name) {
        this.name = name;
    }

    void implement(String internalName) {
        interfaces.add(internalName);
    }

    // ---- constant pool

    private int entry(String key, int slots, Writer w) {
        Integer known = entries.get(key);
        if (known != null) {
            return known;
        }
        try {
            w.write(pool);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int index = poolCount;
        poolCount += slots;
        entries.put(key, index);
        return index;
    }

    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    int utf8(String s) {
        return entry("U" + s, 1, out -> {
            out.writeByte(1);
            out.writeUTF(s);
        });
    }

    int classRef(String internalName) {
        int n = utf8(internalName);
        return entry("C" + internalName, 1, out -> {
            out.writeByte(7);
            out.writeShort(n);
        });
    }

    int string(String s) {
        int u = utf8(s);
        return entry("S" + s, 1, out -> {
            out.writeByte(8);
            out.writeShort(u);
        });
    }

    int longConstant(long v) {
        return entry("J" + v, 2, out -> {
            out.writeByte(5);
            out.writeLong(v);
        });
    }

    private int nameAndType(String n, String descriptor) {
        int a = utf8(n);
        int b = utf8(descriptor);
        return entry("N" + n + ' ' + descriptor, 1, out -> {
            out.writeByte(12);
            out.writeShort(a);
            out.writeShort(b);
        });
    }

    private int member(int tag, String owner, String n, String descriptor) {
        int c = classRef(owner);
        int nt = nameAndType(n, descriptor);
        return entry(tag + owner + '.' + n + descriptor, 1, out -> {
            out.writeByte(tag);
            out.writeShort(c);
            out.writeShort(nt);
        });
    }

    int fieldRef(String owner, String n, String descriptor) {
        return member(9, owner, n, descriptor);
    }

    int methodRef(String owner, String n, String descriptor) {
        return member(10, owner, n, descriptor);
    }

    int interfaceMethodRef(String owner, String n, String descriptor) {
        return member(11, owner, n, descriptor);
    }

    // ---- members

    void field(int access, String n, String descriptor) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(b);
        try {
            out.writeShort(access);
            out.writeShort(utf8(n));
            out.writeShort(utf8(descriptor));
            out.writeShort(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        fields.add(b.toByteArray());
    }

    void method(int access, String n, String descriptor, Code code) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(b);
        byte[] body = code.bytes();
        try {
            out.writeShort(access);
            out.writeShort(utf8(n));
            out.writeShort(utf8(descriptor));
            out.writeShort(1);
            out.writeShort(utf8("Code"));
            out.writeInt(12 + body.length);
            out.writeShort(code.maxStack);
            out.writeShort(code.maxLocals);
            out.writeInt(body.length);
            out.write(body);
            out.writeShort(0); // exception table
            out.writeShort(0); // attributes
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        methods.add(b.toByteArray());
    }

    byte[] toByteArray() {
        int thisClass = classRef(name);
        int superClass = classRef("java/lang/Object");
        int[] faces = interfaces.stream().mapToInt(this::classRef).toArray();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(b);
        try {
            out.writeInt(0xCAFEBABE);
            out.writeShort(0);
            out.writeShort(VERSION);
            out.writeShort(poolCount);
            out.write(poolBytes.toByteArray());
            out.writeShort(0x0030); // final, super
            out.writeShort(thisClass);
            out.writeShort(superClass);
            out.writeShort(faces.length);
            for (int f : faces) {
                out.writeShort(f);
            }
            out.writeShort(fields.size());
            for (byte[] f : fields) {
                out.write(f);
            }
            out.writeShort(methods.size());
            for (byte[] m : methods) {
                out.write(m);
            }
            out.writeShort(0); // attributes
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.toByteArray();
    }

    /** One method's bytecode, with forward and backward branches to labels. */
    static final class Code {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        /** Branches to patch: the opcode's position, the offset's position, the label. */
        private final List<int[]> branches = new ArrayList<>();

        private final List<Integer> labels = new ArrayList<>();
        final int maxStack;
        final int maxLocals;

        Code(int maxStack, int maxLocals) {
            this.maxStack = maxStack;
            this.maxLocals = maxLocals;
        }

        int size() {
            return out.size();
        }

        Code op(int opcode) {
            out.write(opcode);
            return this;
        }

        Code op(int opcode, int u1) {
            out.write(opcode);
            out.write(u1);
            return this;
        }

        /** An instruction with a two-byte operand (a constant-pool index, sipush). */
        Code op2(int opcode, int u2) {
            out.write(opcode);
            out.write(u2 >>> 8);
            out.write(u2);
            return this;
        }

        Code invokeInterface(int index, int argSlots) {
            op2(0xB9, index);
            out.write(argSlots + 1);
            out.write(0);
            return this;
        }

        int label() {
            labels.add(-1);
            return labels.size() - 1;
        }

        void bind(int label) {
            labels.set(label, out.size());
        }

        Code branch(int opcode, int label) {
            branches.add(new int[] {out.size(), label});
            out.write(opcode);
            out.write(0);
            out.write(0);
            return this;
        }

        byte[] bytes() {
            byte[] b = out.toByteArray();
            for (int[] br : branches) {
                int target = labels.get(br[1]);
                if (target < 0) {
                    throw new IllegalStateException("unbound label");
                }
                int offset = target - br[0];
                if (offset != (short) offset) {
                    throw new IllegalStateException("branch too far");
                }
                b[br[0] + 1] = (byte) (offset >>> 8);
                b[br[0] + 2] = (byte) offset;
            }
            return b;
        }
    }
}
