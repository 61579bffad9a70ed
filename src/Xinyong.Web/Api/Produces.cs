using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Xinyong.Web.Api;

/// <summary>How an endpoint declares a success body that is not JSON, so the OpenAPI document still says what it answers.</summary>
public static class ProducesExtensions
{
    /// <summary>The endpoint answers a file download (an attachment, an export) of <paramref name="contentType"/>.</summary>
    public static RouteHandlerBuilder ProducesFile(this RouteHandlerBuilder b, string contentType = "application/octet-stream") =>
        b.Produces<Stream>(StatusCodes.Status200OK, contentType);

    /// <summary>The endpoint answers 204 No Content on success.</summary>
    public static RouteHandlerBuilder ProducesNothing(this RouteHandlerBuilder b) => b.Produces(StatusCodes.Status204NoContent);

    /// <summary>
    /// The document says the endpoint reads a <typeparamref name="T"/> as <paramref name="contentType"/>, for a body the
    /// handler reads by hand (a form, a signed body). Unlike <c>Accepts&lt;T&gt;</c> it does not take part in routing: a
    /// request of another content type still reaches authentication and the endpoint's own Chinese refusal, not a bare 415.
    /// </summary>
    public static RouteHandlerBuilder DescribesBody<T>(this RouteHandlerBuilder b, string contentType) =>
        b.AddOpenApiOperationTransformer(async (operation, context, ct) =>
        {
            var schema = await context.GetOrCreateSchemaAsync(typeof(T), null, ct);
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType> { [contentType] = new() { Schema = schema } },
            };
        });
}
