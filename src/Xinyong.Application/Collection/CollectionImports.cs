using Xinyong.Collection.Sources;
using Xinyong.Storage.Collection;

namespace Xinyong.Application.Collection;

/// <summary>
/// A batch of records imported (a push or a file), with what the pipeline and the file readers refuse turned into the
/// platform's one refusal: a file that cannot be read (<c>collection.unreadable-file</c>, Invalid) and a batch another
/// running process is still loading (<c>collection.batch-in-progress</c>, Conflict), each with its Chinese message.
/// </summary>
public sealed class CollectionImports(CollectionPipeline pipeline)
{
    /// <summary>Opens the source and imports it; refuses an unreadable file or a batch in progress.</summary>
    public ImportResult Import(ImportRequest request, Func<IRecordSource> open)
    {
        try
        {
            using var source = open();
            return pipeline.Import(request, source);
        }
        catch (SourceException ex) { throw Refusal.Invalid("collection.unreadable-file", "文件无法读取：" + Publication.SubjectCodes.ChineseOf(ex.Message)); }
        catch (BatchInProgressException ex) { throw Refusal.Conflict("collection.batch-in-progress", Publication.SubjectCodes.ChineseOf(ex.Message)); }
    }
}
