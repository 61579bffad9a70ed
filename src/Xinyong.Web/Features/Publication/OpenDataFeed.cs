using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Xinyong.Web.Features.Publication;

/// <summary>
/// A page position of the open-data feed (<c>GET /api/v1/open/records.jsonl</c>): the key of the last record served
/// (change time, id) and the moment the walk reads up to (<c>X-As-Of</c> of its first page), so every page of one walk
/// reads the same snapshot. Opaque to clients (base64url); a changed cursor is only another position.
/// </summary>
/// <param name="After">The last record served.</param>
/// <param name="AsOf">The walk's upper bound.</param>
public sealed record OpenDataCursor(FeedKey After, DateTimeOffset AsOf)
{
    /// <summary>The cursor as text.</summary>
    public string Encode() => Base64Url.EncodeToString(Encoding.ASCII.GetBytes(string.Join('.', "1",
        After.At.UtcTicks.ToString(CultureInfo.InvariantCulture), After.Id.ToString(CultureInfo.InvariantCulture), AsOf.UtcTicks.ToString(CultureInfo.InvariantCulture))));

    /// <summary>Reads a cursor; false when it is not one.</summary>
    public static bool TryParse(string text, out OpenDataCursor cursor)
    {
        cursor = null!;
        if (text.Length > 200) return false;
        byte[] bytes;
        if (!Base64Url.IsValid(text)) return false;
        bytes = Base64Url.DecodeFromChars(text);
        var parts = Encoding.ASCII.GetString(bytes).Split('.');
        if (parts is not ["1", var at, var id, var asOf]
            || !long.TryParse(at, NumberStyles.None, CultureInfo.InvariantCulture, out var atTicks)
            || !long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var idValue)
            || !long.TryParse(asOf, NumberStyles.None, CultureInfo.InvariantCulture, out var asOfTicks)
            || atTicks > DateTimeOffset.MaxValue.UtcTicks || asOfTicks > DateTimeOffset.MaxValue.UtcTicks)
            return false;
        cursor = new OpenDataCursor(new FeedKey { At = new DateTimeOffset(atTicks, TimeSpan.Zero), Id = idValue }, new DateTimeOffset(asOfTicks, TimeSpan.Zero));
        return true;
    }
}

/// <summary>
/// The open data's own per-client limit (apart from the search limit): <see cref="PlatformOptions.OpenDataRatePerMinute"/>
/// pages per minute per client address (0 = no limit). Refusals answer 429 with <c>Retry-After</c> like search.
/// </summary>
public static class OpenDataRateLimit
{
    /// <summary>The policy name the feed opts into.</summary>
    public const string Policy = "open-data";

    /// <summary>Registers the policy (the rejection answer is <see cref="PublicRateLimit"/>'s).</summary>
    public static IServiceCollection AddOpenDataRateLimit(this IServiceCollection s, int perMinute) =>
        s.Configure<RateLimiterOptions>(o => o.AddPolicy(Policy, http => perMinute <= 0
            ? RateLimitPartition.GetNoLimiter("unlimited")
            : RateLimitPartition.GetFixedWindowLimiter(PublicRateLimit.ClientOf(http), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = perMinute,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            })));
}
