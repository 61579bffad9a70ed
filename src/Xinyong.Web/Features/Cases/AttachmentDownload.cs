using System.Text;
using Microsoft.Net.Http.Headers;

namespace Xinyong.Web.Features.Cases;

/// <summary>
/// How a case file (objection or repair evidence) is served: always as a download (<c>Content-Disposition:
/// attachment</c>), with a name cut to its last segment and stripped of characters that could mean something to a
/// browser or a file system (the Chinese name kept through RFC 5987 <c>filename*</c>), and with the media type the
/// uploader claimed only when it is on a short allow-list of inert types; anything else is
/// <c>application/octet-stream</c>. With <c>X-Content-Type-Options: nosniff</c> a browser never renders an uploaded
/// HTML or script file as a page of the platform.
/// </summary>
public static class AttachmentDownload
{
    /// <summary>The media types served as claimed.</summary>
    public static readonly IReadOnlySet<string> AllowedTypes = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "application/pdf", "image/png", "image/jpeg", "image/gif", "image/webp", "text/plain",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/msword",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/vnd.ms-excel",
        "application/zip", "application/ofd",
    };

    /// <summary>The answer serving a file.</summary>
    public static IResult Of(byte[] content, string? claimedType, string? fileName) => new Download(content, SafeType(claimedType), SafeName(fileName));

    /// <summary>The media type to serve: the claimed one when allow-listed (without parameters), else application/octet-stream.</summary>
    public static string SafeType(string? claimed)
    {
        var type = (claimed ?? "").Split(';')[0].Trim();
        return AllowedTypes.Contains(type) ? type.ToLowerInvariant() : "application/octet-stream";
    }

    /// <summary>
    /// A file name safe to offer: the last path segment; letters (Chinese included), digits, '.', '-', '_', spaces and
    /// parentheses kept, anything else replaced by '_'; no leading dots; at most 120 characters; "附件" when nothing is left.
    /// </summary>
    public static string SafeName(string? name)
    {
        var last = (name ?? "").Replace('\\', '/').Split('/').Last();
        var b = new StringBuilder(last.Length);
        foreach (var ch in last)
            b.Append(char.IsLetterOrDigit(ch) || ch is '.' or '-' or '_' or ' ' or '(' or ')' or '（' or '）' ? ch : '_');
        var safe = b.ToString().Trim().TrimStart('.').Trim();
        if (safe.Length > 120) safe = safe[^120..];
        return safe.Trim('_').Length == 0 ? "附件" : safe;
    }

    private sealed class Download(byte[] content, string type, string name) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            var disposition = new ContentDispositionHeaderValue("attachment");
            disposition.SetHttpFileName(name);   // filename (ASCII, others as '_') and filename* (RFC 5987, UTF-8)
            http.Response.ContentType = type;
            http.Response.Headers.ContentDisposition = disposition.ToString();
            http.Response.Headers.XContentTypeOptions = "nosniff";
            http.Response.Headers.CacheControl = "private, no-store";
            http.Response.ContentLength = content.Length;
            return http.Response.Body.WriteAsync(content).AsTask();
        }
    }
}
