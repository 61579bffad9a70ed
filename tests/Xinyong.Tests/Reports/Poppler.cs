using System.Diagnostics;
using System.Text;

namespace Xinyong.Tests.Reports;

/// <summary>
/// Runs poppler-utils (pdftotext, pdfinfo, pdftoppm) on PDF bytes, as a reader of the file would. test.sh installs
/// poppler-utils; a missing tool fails the test.
/// </summary>
public static class Poppler
{
    /// <summary>The text of the file as <c>pdftotext -layout</c> extracts it, form feeds between pages.</summary>
    public static string Text(byte[] pdf) => Encoding.UTF8.GetString(Run("pdftotext", pdf, "-layout", "-enc", "UTF-8", "{file}", "-"));

    /// <summary>The key/value lines of <c>pdfinfo -isodates</c>.</summary>
    public static IReadOnlyDictionary<string, string> Info(byte[] pdf) =>
        Encoding.UTF8.GetString(Run("pdfinfo", pdf, "-isodates", "{file}"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(':', 2))
            .Where(kv => kv.Length == 2)
            .ToDictionary(kv => kv[0].Trim(), kv => kv[1].Trim());

    /// <summary>One page as an 8-bit grey image (<c>pdftoppm -gray</c>, PGM), at the given resolution.</summary>
    public static GreyImage Page(byte[] pdf, int page, int dpi)
    {
        var pgm = Run("pdftoppm", pdf, "-gray", "-r", dpi.ToString(), "-f", page.ToString(), "-l", page.ToString(), "-singlefile", "{file}");
        return GreyImage.FromPgm(pgm);
    }

    private static byte[] Run(string tool, byte[] pdf, params string[] args)
    {
        var file = Path.Combine(Path.GetTempPath(), $"xinyong-report-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(file, pdf);
        try
        {
            var psi = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in args) psi.ArgumentList.Add(a == "{file}" ? file : a);
            using var p = Process.Start(psi) ?? throw new InvalidOperationException($"{tool} did not start");
            using var output = new MemoryStream();
            var stderr = p.StandardError.ReadToEndAsync();
            p.StandardOutput.BaseStream.CopyTo(output);
            p.WaitForExit();
            Assert.True(p.ExitCode == 0, $"{tool} failed ({p.ExitCode}): {stderr.Result}");
            return output.ToArray();
        }
        finally
        {
            File.Delete(file);
        }
    }
}

/// <summary>An 8-bit grey image: 0 is black, 255 white.</summary>
public sealed record GreyImage(int Width, int Height, byte[] Pixels)
{
    public byte this[int x, int y] => Pixels[y * Width + x];

    /// <summary>Reads a binary PGM (P5, maxval 255).</summary>
    public static GreyImage FromPgm(byte[] pgm)
    {
        var pos = 0;
        string Token()
        {
            while (char.IsWhiteSpace((char)pgm[pos])) pos++;
            var start = pos;
            while (!char.IsWhiteSpace((char)pgm[pos])) pos++;
            return Encoding.ASCII.GetString(pgm, start, pos - start);
        }
        Assert.Equal("P5", Token());
        var width = int.Parse(Token());
        var height = int.Parse(Token());
        Assert.Equal("255", Token());
        pos++; // the single whitespace before the pixels
        return new GreyImage(width, height, pgm[pos..(pos + width * height)]);
    }
}
