namespace Xinyong.Content;

/// <summary>The note each kept version of a public page carries, as staff read it in the page's history.</summary>
public static class ContentNotes
{
    /// <summary>A page created and published at once.</summary>
    public const string CreatedPublished = "新建并发布";

    /// <summary>A page created as a draft.</summary>
    public const string Created = "新建";

    /// <summary>A draft published.</summary>
    public const string Published = "发布";

    /// <summary>A published page taken down.</summary>
    public const string Withdrawn = "撤回";

    /// <summary>The title or body changed.</summary>
    public const string Edited = "修改";

    /// <summary>The note of a save that takes a page from <paramref name="wasPublished"/> to <paramref name="published"/>.</summary>
    public static string OfSave(bool wasPublished, bool published) => (wasPublished, published) switch
    {
        (false, true) => Published,
        (true, false) => Withdrawn,
        _ => Edited,
    };
}
