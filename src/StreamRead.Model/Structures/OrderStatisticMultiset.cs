namespace StreamRead.Model.Structures;

/// <summary>
/// A multiset of <see cref="long"/> values that counts the values below a bound in O(log d),
/// d being the number of distinct values (SPEC 2.3: no count may cost O(group size)).
/// </summary>
/// <remarks>
/// An array-backed treap keyed by distinct value, each node holding the value's multiplicity and
/// its subtree's total multiplicity, so memory grows with distinct values, not with members
/// (watermarks cluster on recent seqs). Priorities are a hash of the key: deterministic runs,
/// expected depth O(log d). .NET's SortedSet cannot be used: its view counts are O(n).
/// </remarks>
internal sealed class OrderStatisticMultiset
{
    private const int None = -1;

    private Node[] nodes = new Node[4];
    private int allocated; // high-water mark of nodes ever used
    private int freeHead = None; // freed nodes, linked through Left
    private int root = None;

    /// <summary>Total multiplicity: how many values the multiset holds.</summary>
    public int Count => root == None ? 0 : nodes[root].Size;

    /// <summary>How many distinct values the multiset holds (one node each).</summary>
    public int DistinctCount { get; private set; }

    /// <summary>Adds one occurrence of <paramref name="value"/>.</summary>
    public void Add(long value)
    {
        // Reserve the node first: Insert must never reallocate the array under its own feet.
        if (freeHead == None && allocated == nodes.Length)
        {
            Array.Resize(ref nodes, nodes.Length * 2);
        }

        root = Insert(root, value);
    }

    /// <summary>Removes one occurrence of <paramref name="value"/>, which must be present.</summary>
    public void Remove(long value) => root = Delete(root, value);

    /// <summary>How many values are strictly less than <paramref name="bound"/>.</summary>
    public int CountLess(long bound)
    {
        int count = 0;
        int t = root;
        while (t != None)
        {
            ref Node node = ref nodes[t];
            if (bound <= node.Key)
            {
                t = node.Left;
            }
            else
            {
                count += SizeOf(node.Left) + node.Count;
                t = node.Right;
            }
        }

        return count;
    }

    /// <summary>How many occurrences of <paramref name="value"/> the multiset holds.</summary>
    public int CountOf(long value)
    {
        int t = root;
        while (t != None)
        {
            ref Node node = ref nodes[t];
            if (value == node.Key)
            {
                return node.Count;
            }

            t = value < node.Key ? node.Left : node.Right;
        }

        return 0;
    }

    /// <summary>The distinct values in ascending order with their multiplicities.</summary>
    public IEnumerable<(long Value, int Count)> Items()
    {
        var stack = new Stack<int>();
        int t = root;
        while (t != None || stack.Count > 0)
        {
            while (t != None)
            {
                stack.Push(t);
                t = nodes[t].Left;
            }

            t = stack.Pop();
            yield return (nodes[t].Key, nodes[t].Count);
            t = nodes[t].Right;
        }
    }

    private int SizeOf(int t) => t == None ? 0 : nodes[t].Size;

    private int Insert(int t, long key)
    {
        if (t == None)
        {
            return NewNode(key);
        }

        if (key == nodes[t].Key)
        {
            nodes[t].Count++;
            nodes[t].Size++;
            return t;
        }

        if (key < nodes[t].Key)
        {
            int left = Insert(nodes[t].Left, key);
            nodes[t].Left = left;
            nodes[t].Size++;
            return Priority(nodes[left].Key) > Priority(nodes[t].Key) ? RotateRight(t) : t;
        }

        int right = Insert(nodes[t].Right, key);
        nodes[t].Right = right;
        nodes[t].Size++;
        return Priority(nodes[right].Key) > Priority(nodes[t].Key) ? RotateLeft(t) : t;
    }

    private int Delete(int t, long key)
    {
        if (t == None)
        {
            throw new InvalidOperationException($"Value {key} is not in the multiset (an index invariant was broken).");
        }

        if (key < nodes[t].Key)
        {
            nodes[t].Left = Delete(nodes[t].Left, key);
            nodes[t].Size--;
            return t;
        }

        if (key > nodes[t].Key)
        {
            nodes[t].Right = Delete(nodes[t].Right, key);
            nodes[t].Size--;
            return t;
        }

        if (nodes[t].Count > 1)
        {
            nodes[t].Count--;
            nodes[t].Size--;
            return t;
        }

        int merged = Merge(nodes[t].Left, nodes[t].Right);
        FreeNode(t);
        return merged;
    }

    // Joins two treaps whose keys are all ordered (every key of a below every key of b).
    private int Merge(int a, int b)
    {
        if (a == None)
        {
            return b;
        }

        if (b == None)
        {
            return a;
        }

        if (Priority(nodes[a].Key) > Priority(nodes[b].Key))
        {
            nodes[a].Right = Merge(nodes[a].Right, b);
            Resize(a);
            return a;
        }

        nodes[b].Left = Merge(a, nodes[b].Left);
        Resize(b);
        return b;
    }

    private int RotateRight(int t)
    {
        int l = nodes[t].Left;
        nodes[t].Left = nodes[l].Right;
        nodes[l].Right = t;
        Resize(t);
        Resize(l);
        return l;
    }

    private int RotateLeft(int t)
    {
        int r = nodes[t].Right;
        nodes[t].Right = nodes[r].Left;
        nodes[r].Left = t;
        Resize(t);
        Resize(r);
        return r;
    }

    private void Resize(int t) => nodes[t].Size = nodes[t].Count + SizeOf(nodes[t].Left) + SizeOf(nodes[t].Right);

    private int NewNode(long key)
    {
        int t;
        if (freeHead != None)
        {
            t = freeHead;
            freeHead = nodes[t].Left;
        }
        else
        {
            t = allocated++;
        }

        nodes[t] = new Node { Key = key, Count = 1, Size = 1, Left = None, Right = None };
        DistinctCount++;
        return t;
    }

    private void FreeNode(int t)
    {
        nodes[t] = new Node { Left = freeHead, Right = None };
        freeHead = t;
        DistinctCount--;
    }

    // SplitMix64's finalizer: a fixed, well-mixed priority per key, so the shape (and cost) of
    // the tree is the same in every run.
    private static ulong Priority(long key)
    {
        ulong z = unchecked((ulong)key + 0x9E3779B97F4A7C15UL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    // 24 bytes: the key, its multiplicity, the subtree's multiplicity and two child indices.
    private struct Node
    {
        public long Key;
        public int Count;
        public int Size;
        public int Left;
        public int Right;
    }
}
