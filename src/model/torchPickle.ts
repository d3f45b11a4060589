/**
 * The restricted pickle machine behind the pytorch_model.bin reader (torchBin.ts): it knows only the
 * opcodes a state dict uses and only four callables (OrderedDict, torch's tensor and parameter
 * rebuilders, and the storage types); any other global is refused by name, so no code from the file
 * ever runs.
 */
import type { SafetensorsDtype } from './safetensors';

export class TorchBinError extends Error {
  constructor(fileName: string, reason: string) {
    super(`${fileName}: ${reason}`);
    this.name = 'TorchBinError';
  }
}

export const STORAGES: Record<string, { dtype: SafetensorsDtype; bytes: number }> = {
  FloatStorage: { dtype: 'F32', bytes: 4 },
  HalfStorage: { dtype: 'F16', bytes: 2 },
  BFloat16Storage: { dtype: 'BF16', bytes: 2 },
};

interface Global {
  kind: 'global';
  name: string;
}
interface Storage {
  kind: 'storage';
  type: string;
  key: string;
}
export interface TensorRef {
  kind: 'tensor';
  storage: Storage;
  offset: number;
  size: number[];
  stride: number[];
}
class Mark {}
type Value = unknown;

const ALLOWED = new Set([
  'collections OrderedDict',
  'torch._utils _rebuild_tensor_v2',
  'torch._utils _rebuild_parameter',
  ...Object.keys(STORAGES).map((s) => `torch ${s}`),
]);

/** Runs data.pkl on the restricted machine; returns the unpickled object (a Map for a state dict). */
export function unpickle(bytes: Uint8Array, fileName: string): Value {
  const fail = (reason: string): never => {
    throw new TorchBinError(fileName, reason);
  };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = new TextDecoder();
  const stack: Value[] = [];
  const memo = new Map<number, Value>();
  let pos = 0;
  const need = (n: number) => (pos + n <= bytes.length ? pos : fail('data.pkl ends in the middle of an instruction'));
  const u8 = () => {
    const at = need(1);
    pos++;
    return bytes[at]!;
  };
  const take = (n: number) => {
    const at = need(n);
    pos += n;
    return bytes.subarray(at, at + n);
  };
  const u32 = () => {
    const v = view.getUint32(need(4), true);
    pos += 4;
    return v;
  };
  const line = () => {
    const end = bytes.indexOf(0x0a, pos);
    if (end < 0) fail('data.pkl ends inside a global name');
    const s = text.decode(bytes.subarray(pos, end));
    pos = end + 1;
    return s;
  };
  const pop = () => (stack.length > 0 ? stack.pop() : fail('data.pkl pops an empty stack'));
  const popMark = () => {
    let i = stack.length - 1;
    while (i >= 0 && !(stack[i] instanceof Mark)) i--;
    if (i < 0) fail('data.pkl has no MARK to end');
    const items = stack.splice(i + 1);
    stack.pop();
    return items;
  };
  const global = (name: string): Global =>
    ALLOWED.has(name)
      ? { kind: 'global', name }
      : fail(`the pickle asks for ${name.replace(' ', '.')}, which ViT Lens never runs; this is not a plain state dict`);
  const call = (fn: Value, args: Value): Value => {
    if (!(typeof fn === 'object' && fn !== null && (fn as Global).kind === 'global') || !Array.isArray(args)) {
      return fail('data.pkl calls something that is not an allowed function');
    }
    const name = (fn as Global).name;
    if (name === 'collections OrderedDict') return new Map<string, Value>();
    if (name === 'torch._utils _rebuild_parameter') return args[0];
    if (name === 'torch._utils _rebuild_tensor_v2') {
      const [storage, offset, size, stride] = args as [Storage, number, number[], number[]];
      const ints = (a: unknown) => Array.isArray(a) && a.every((v) => Number.isInteger(v) && v >= 0);
      if (
        storage?.kind !== 'storage' ||
        !Number.isInteger(offset) ||
        !ints(size) ||
        !ints(stride) ||
        size.length !== stride.length
      ) {
        fail('a tensor in data.pkl has a malformed storage, offset, size or stride');
      }
      return { kind: 'tensor', storage, offset, size, stride } satisfies TensorRef;
    }
    return fail(`${name.replace(' ', '.')} cannot be called`);
  };
  const setItems = (target: Value, items: Value[]) => {
    if (!(target instanceof Map)) fail('data.pkl sets items on something that is not a dict');
    for (let i = 0; i + 1 < items.length; i += 2) (target as Map<Value, Value>).set(items[i], items[i + 1]);
  };
  // every instruction consumes at least its opcode byte, so this ends with the data
  for (;;) {
    const op = u8();
    switch (op) {
      case 0x80:
        u8();
        break; // PROTO
      case 0x95:
        take(8);
        break; // FRAME
      case 0x2e:
        return pop(); // STOP
      case 0x28:
        stack.push(new Mark());
        break; // MARK
      case 0x7d:
        stack.push(new Map());
        break; // EMPTY_DICT
      case 0x5d:
        stack.push([]);
        break; // EMPTY_LIST
      case 0x29:
        stack.push([]);
        break; // EMPTY_TUPLE
      case 0x4e:
        stack.push(null);
        break; // NONE
      case 0x88:
        stack.push(true);
        break; // NEWTRUE
      case 0x89:
        stack.push(false);
        break; // NEWFALSE
      case 0x4b:
        stack.push(u8());
        break; // BININT1
      case 0x4d:
        stack.push(u8() | (u8() << 8));
        break; // BININT2
      case 0x4a: {
        const v = view.getInt32(need(4), true);
        pos += 4;
        stack.push(v);
        break;
      } // BININT
      case 0x8a: {
        // LONG1
        const n = u8();
        const b = take(n);
        let v = 0;
        for (let i = n - 1; i >= 0; i--) v = v * 256 + b[i]!;
        if (n > 0 && b[n - 1]! & 0x80) v -= 2 ** (8 * n);
        stack.push(v);
        break;
      }
      case 0x47: {
        const v = view.getFloat64(need(8), false);
        pos += 8;
        stack.push(v);
        break;
      } // BINFLOAT
      case 0x8c:
        stack.push(text.decode(take(u8())));
        break; // SHORT_BINUNICODE
      case 0x58:
        stack.push(text.decode(take(u32())));
        break; // BINUNICODE
      case 0x55:
        stack.push(text.decode(take(u8())));
        break; // SHORT_BINSTRING
      case 0x63:
        stack.push(global(`${line()} ${line()}`));
        break; // GLOBAL
      case 0x93: {
        const name = pop();
        const module = pop();
        stack.push(global(`${String(module)} ${String(name)}`));
        break;
      } // STACK_GLOBAL
      case 0x71:
        memo.set(u8(), stack.at(-1));
        break; // BINPUT
      case 0x72:
        memo.set(u32(), stack.at(-1));
        break; // LONG_BINPUT
      case 0x94:
        memo.set(memo.size, stack.at(-1));
        break; // MEMOIZE
      case 0x68:
      case 0x6a: {
        // BINGET, LONG_BINGET
        const key = op === 0x68 ? u8() : u32();
        if (!memo.has(key)) fail(`data.pkl reads memo ${key}, which was never written`);
        stack.push(memo.get(key));
        break;
      }
      case 0x74:
        stack.push(popMark());
        break; // TUPLE
      case 0x85:
        stack.push([pop()]);
        break; // TUPLE1
      case 0x86: {
        const b = pop();
        stack.push([pop(), b]);
        break;
      } // TUPLE2
      case 0x87: {
        const c = pop();
        const b = pop();
        stack.push([pop(), b, c]);
        break;
      } // TUPLE3
      case 0x61: {
        const v = pop();
        const list = stack.at(-1);
        if (!Array.isArray(list)) fail('APPEND to a non-list');
        (list as Value[]).push(v);
        break;
      }
      case 0x65: {
        const items = popMark();
        const list = stack.at(-1);
        if (!Array.isArray(list)) fail('APPENDS to a non-list');
        (list as Value[]).push(...items);
        break;
      }
      case 0x73: {
        const v = pop();
        const k = pop();
        setItems(stack.at(-1), [k, v]);
        break;
      } // SETITEM
      case 0x75: {
        const items = popMark();
        setItems(stack.at(-1), items);
        break;
      } // SETITEMS
      case 0x52: {
        const args = pop();
        const fn = pop();
        stack.push(call(fn, args));
        break;
      } // REDUCE
      case 0x62:
        pop();
        break; // BUILD: state for OrderedDict/tensors (metadata), ignored
      case 0x51: {
        // BINPERSID: ('storage', storage type, key, location, numel)
        const pid = pop();
        const [tag, type, key] = Array.isArray(pid) ? pid : [];
        const typeName = (type as Global | undefined)?.name?.split(' ')[1] ?? '';
        if (tag !== 'storage' || !Object.hasOwn(STORAGES, typeName) || typeof key !== 'string') {
          fail(
            `a storage in data.pkl is ${JSON.stringify(typeName || tag)}; ViT Lens reads float32, float16 and bfloat16 weights`,
          );
        }
        stack.push({ kind: 'storage', type: typeName, key } satisfies Storage);
        break;
      }
      default:
        fail(`data.pkl uses pickle opcode 0x${op.toString(16)}, which a plain state dict does not need`);
    }
  }
}
