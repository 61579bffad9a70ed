using PdfSharp.Drawing;
using QRCoder;

namespace Xinyong.Reports.Pdf;

/// <summary>Draws a QR code as vector shapes: one filled path made of the dark modules, row by row.</summary>
internal static class QrCodeDrawing
{
    /// <summary>
    /// Draws the QR code of <paramref name="content"/> (error correction level M, with its 4-module quiet zone)
    /// as a square of <paramref name="size"/> points whose top-left corner is (x, y).
    /// </summary>
    public static void Draw(XGraphics gfx, string content, double x, double y, double size)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(content, QRCodeGenerator.ECCLevel.M);
        var matrix = data.ModuleMatrix;
        var modules = matrix.Count;
        var unit = size / modules;

        // Horizontal runs of dark modules become rectangles of one path, filled once (no seams between modules).
        var path = new XGraphicsPath { FillMode = XFillMode.Winding };
        for (var row = 0; row < modules; row++)
        {
            var bits = matrix[row];
            var col = 0;
            while (col < modules)
            {
                if (!bits[col])
                {
                    col++;
                    continue;
                }
                var start = col;
                while (col < modules && bits[col]) col++;
                path.AddRectangle(x + start * unit, y + row * unit, (col - start) * unit, unit);
            }
        }
        gfx.DrawPath(XBrushes.Black, path);
    }
}
