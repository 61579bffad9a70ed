using Xinyong.Storage.Subjects;
using Xinyong.Web.Api;

namespace Xinyong.Web.Features.Query;

/// <summary><c>GET /api/v1/subjects/{code}</c>: a subject and the records its caller may see.</summary>
public static class SubjectEndpoints
{
    /// <summary>Maps the endpoints.</summary>
    public static void Map(WebApplication app)
    {
        app.MapGet("/api/v1/subjects/{code}", (string code, SubjectStore subjects, SubjectViews views) =>
        {
            SubjectRow? s;
            try { s = subjects.Find(code); }
            catch (FormatException ex) { return Problems.BadRequest($"“{code}”：{ex.Message}"); }
            return s is null
                ? Problems.NotFound($"平台没有代码为“{code}”的信用主体 / no subject with code '{code}'")
                : Results.Json(views.Of(s, Audience.Public), ApiJson.Options);
        })
        .WithTags("Query")
        .WithSummary("A subject and its public records (masked for natural persons)")
        .WithDescription("code: a unified social credit code, a resident identity number, or a subject reference (P…). 400 for an invalid code, 404 for an unknown subject.")
        .Produces<SubjectView>()
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
