using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace Xinyong.Web.Api;

/// <summary>The API's JSON: camelCase, Chinese left readable.</summary>
public static class ApiJson
{
    /// <summary>Shared options.</summary>
    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>Applies the API's settings to options (also used for the minimal-API serializer).</summary>
    public static JsonSerializerOptions Configure(JsonSerializerOptions o)
    {
        o.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);
        o.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        return o;
    }
}
