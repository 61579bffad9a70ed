using System.IO.Compression;
using System.Text;
using Xinyong.Reports.Pdf;

namespace Xinyong.Tests.Reports;

/// <summary>The report's own Deflate encoder against the runtime's decoder.</summary>
public class DeflateTests
{
    public static TheoryData<string, byte[]> Inputs()
    {
        var random = new Random(7);
        var noise = new byte[100_000];
        random.NextBytes(noise);
        var text = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 3000).Select(i => $"BT /F1 10 Tf 56 {i % 700} Td <4E2D56FD> Tj ET 信用{i}\n")));
        var far = new byte[70_000];                      // a repeat 40 000 bytes back: beyond the window, then within it
        random.NextBytes(far.AsSpan(0, 30_000));
        far.AsSpan(0, 30_000).CopyTo(far.AsSpan(40_000));
        return new TheoryData<string, byte[]>
        {
            { "empty", [] },
            { "one byte", [42] },
            { "two bytes", [1, 2] },
            { "a long run (overlapping matches, 258-byte maximum)", Enumerable.Repeat((byte)'a', 10_000).ToArray() },
            { "random bytes (literals 144-255)", noise },
            { "PDF-like text", text },
            { "repeats near the window size", far },
        };
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Round_trips_through_the_runtime_zlib_decoder(string name, byte[] data)
    {
        var compressed = Deflate.Zlib(data);
        using var decoder = new ZLibStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var output = new MemoryStream();
        decoder.CopyTo(output);
        Assert.True(data.AsSpan().SequenceEqual(output.ToArray()), name);
        Assert.Equal(0, ((compressed[0] << 8) | compressed[1]) % 31);   // zlib header check bits
    }

    [Fact]
    public void Compresses_repetitive_content_and_is_a_pure_function()
    {
        var text = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("0 0 0 rg 56 700 Td (公共信用信息报告) Tj\n", 2000)));
        var compressed = Deflate.Zlib(text);
        Assert.True(compressed.Length < text.Length / 20, $"{text.Length} -> {compressed.Length}");
        Assert.Equal(compressed, Deflate.Zlib(text));
    }
}
