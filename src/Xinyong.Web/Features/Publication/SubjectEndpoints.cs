namespace Xinyong.Web.Features.Publication;

/// <summary><c>GET /api/v1/subjects/{code}</c>: a subject and the records its caller may see.</summary>
public static class SubjectEndpoints
{
    /// <summary>Maps the endpoints.</summary>
    public static void Map(WebApplication app)
    {
        app.MapGet("/api/v1/subjects/{code}", (string code, SubjectStore subjects, SubjectViews views) =>
            QueryEndpoints.Find(code, subjects, out var s) ?? Results.Json(views.Of(s!, Audience.Public), ApiJson.Options))
        .RequireRateLimiting(PublicRateLimit.Policy)
        .WithTags("Query")
        .RequireRule(AccessRules.Public)
        .WithSummary("A subject and its public records (masked for natural persons)")
        .WithDescription("code: a unified social credit code, a resident identity number, or a subject reference (P…). Only what is public to anyone (Art. 23, 37): archived, revoked, withheld and conditionally open records never appear. underObjection = true: an objection is open (异议处理中). 400 for an invalid code, 404 for an unknown subject, 429 (with Retry-After) when a client queries too often.")
        .Produces<SubjectView>()
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status429TooManyRequests);
    }
}
