using System.Buffers.Binary;

namespace Xinyong.Reports.Pdf;

/// <summary>
/// A small, fully deterministic zlib (RFC 1950) / Deflate (RFC 1951) encoder for the PDF's FlateDecode streams.
/// The .NET runtime's own encoder (zlib-ng) may produce different bytes after a runtime update or on another CPU
/// architecture, which would break "same model, same PDF bytes"; this one depends on nothing but its input.
/// It uses LZ77 with hash chains and the fixed Huffman codes, in one final block.
/// </summary>
internal static class Deflate
{
    private const int WindowSize = 32768;
    private const int MinMatch = 3;
    private const int MaxMatch = 258;
    private const int MaxChain = 64;
    private const int HashBits = 15;

    private static readonly int[] LengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
    private static readonly int[] LengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
    private static readonly int[] DistanceBase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
    private static readonly int[] DistanceExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];

    /// <summary>The zlib stream of <paramref name="data"/>: header, one fixed-Huffman Deflate block, Adler-32.</summary>
    public static byte[] Zlib(ReadOnlySpan<byte> data)
    {
        var bits = new BitWriter(data.Length / 2 + 64);
        bits.Write(0x78, 8);                 // CMF: Deflate, 32 KiB window
        bits.Write(0x01, 8);                 // FLG: no dictionary, check bits make CMF·256 + FLG a multiple of 31
        bits.Write(1, 1);                    // BFINAL
        bits.Write(1, 2);                    // BTYPE 01: fixed Huffman codes

        var head = new int[1 << HashBits];
        Array.Fill(head, -1);
        var prev = new int[WindowSize];
        var i = 0;
        while (i < data.Length)
        {
            var (length, distance) = LongestMatch(data, i, head, prev);
            if (length >= MinMatch)
            {
                WriteLength(bits, length);
                WriteDistance(bits, distance);
                for (var end = i + length; i < end; i++) Insert(data, i, head, prev);
            }
            else
            {
                WriteSymbol(bits, data[i]);
                Insert(data, i, head, prev);
                i++;
            }
        }
        WriteSymbol(bits, 256);              // end of block
        bits.AlignToByte();

        Span<byte> adler = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(adler, Adler32(data));
        foreach (var b in adler) bits.Write(b, 8);
        return bits.ToArray();
    }

    private static int Hash(ReadOnlySpan<byte> data, int i) =>
        ((data[i] << 10) ^ (data[i + 1] << 5) ^ data[i + 2]) & ((1 << HashBits) - 1);

    private static void Insert(ReadOnlySpan<byte> data, int i, int[] head, int[] prev)
    {
        if (i + MinMatch > data.Length) return;
        var h = Hash(data, i);
        prev[i & (WindowSize - 1)] = head[h];
        head[h] = i;
    }

    /// <summary>The longest earlier match for the bytes at <paramref name="i"/> within the window (length 0 if none).</summary>
    private static (int Length, int Distance) LongestMatch(ReadOnlySpan<byte> data, int i, int[] head, int[] prev)
    {
        if (i + MinMatch > data.Length) return (0, 0);
        var limit = Math.Min(MaxMatch, data.Length - i);
        int bestLength = 0, bestDistance = 0;
        var candidate = head[Hash(data, i)];
        for (var chain = 0; candidate >= 0 && i - candidate < WindowSize && chain < MaxChain; chain++)
        {
            var length = data.Slice(candidate, limit).CommonPrefixLength(data.Slice(i, limit));
            if (length > bestLength)
            {
                bestLength = length;
                bestDistance = i - candidate;
                if (length == limit) break;
            }
            var next = prev[candidate & (WindowSize - 1)];
            if (next >= candidate) break;    // a slot reused by a newer position: the chain ends here
            candidate = next;
        }
        return (bestLength, bestDistance);
    }

    /// <summary>A literal/length symbol in its fixed Huffman code (RFC 1951 §3.2.6).</summary>
    private static void WriteSymbol(BitWriter bits, int symbol)
    {
        var (code, length) = symbol switch
        {
            < 144 => (0x30 + symbol, 8),
            < 256 => (0x190 + symbol - 144, 9),
            < 280 => (symbol - 256, 7),
            _ => (0xC0 + symbol - 280, 8),
        };
        bits.WriteHuffman(code, length);
    }

    private static void WriteLength(BitWriter bits, int length)
    {
        var index = LengthBase.Length - 1;
        while (LengthBase[index] > length) index--;
        WriteSymbol(bits, 257 + index);
        bits.Write(length - LengthBase[index], LengthExtra[index]);
    }

    private static void WriteDistance(BitWriter bits, int distance)
    {
        var index = DistanceBase.Length - 1;
        while (DistanceBase[index] > distance) index--;
        bits.WriteHuffman(index, 5);
        bits.Write(distance - DistanceBase[index], DistanceExtra[index]);
    }

    private static uint Adler32(ReadOnlySpan<byte> data)
    {
        const uint mod = 65521;
        uint a = 1, b = 0;
        foreach (var d in data)
        {
            a = (a + d) % mod;
            b = (b + a) % mod;
        }
        return (b << 16) | a;
    }

    /// <summary>Packs bits least significant first, as Deflate requires.</summary>
    private sealed class BitWriter(int capacity)
    {
        private readonly MemoryStream output = new(capacity);
        private ulong buffer;
        private int count;

        /// <summary>Writes the low <paramref name="length"/> bits of a value (at most 24), least significant first.</summary>
        public void Write(int value, int length)
        {
            buffer |= (ulong)(value & ((1 << length) - 1)) << count;
            count += length;
            while (count >= 8)
            {
                output.WriteByte((byte)buffer);
                buffer >>= 8;
                count -= 8;
            }
        }

        /// <summary>Writes a Huffman code, most significant bit first.</summary>
        public void WriteHuffman(int code, int length)
        {
            var reversed = 0;
            for (var k = 0; k < length; k++) reversed |= ((code >> k) & 1) << (length - 1 - k);
            Write(reversed, length);
        }

        public void AlignToByte()
        {
            if (count > 0) Write(0, 8 - count);
        }

        public byte[] ToArray() => output.ToArray();
    }
}
