using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenProject.Storages.Nextcloud.Ocs;

/// <summary>Source-generated System.Text.Json metadata: no reflection, trimming- and AOT-safe.</summary>
[JsonSourceGenerationOptions(
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(OcsFileInfoResponse))]
[JsonSerializable(typeof(OcsFilesInfoResponse))]
[JsonSerializable(typeof(OcsFilesInfoRequest))]
[JsonSerializable(typeof(OcsDirectDownloadResponse))]
[JsonSerializable(typeof(OcsMetaOnlyResponse))]
[JsonSerializable(typeof(DirectUploadTokenRequest))]
[JsonSerializable(typeof(DirectUploadTokenResponse))]
[JsonSerializable(typeof(AppErrorResponse))]
[JsonSerializable(typeof(OcsProvisioningResponse))]
[JsonSerializable(typeof(OcsFileInfo))]
internal sealed partial class OcsJsonContext : JsonSerializerContext;

/// <summary>Reads <c>data</c> when it is an object; anything else (<c>[]</c>, a string) is no data.</summary>
internal abstract class LenientObjectConverter<T> : JsonConverter<T>
    where T : class
{
    public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            return ReadObject(ref reader);
        }

        reader.Skip();
        return null;
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        throw new NotSupportedException("OCS data is only read.");

    protected abstract T? ReadObject(ref Utf8JsonReader reader);
}

internal sealed class OcsFileInfoDataConverter : LenientObjectConverter<OcsFileInfo>
{
    protected override OcsFileInfo? ReadObject(ref Utf8JsonReader reader) => OcsFileInfoEntry.Read(ref reader);
}

/// <summary>
/// Reads one file info entry on its own: a value the model cannot hold (<c>mtime</c> of 1e30, <c>"abc"</c> for
/// an id, a status code beyond <see cref="int"/>) marks that entry <see cref="OcsFileInfo.Unreadable"/> and the
/// reader moves on to the next, so one odd entry never fails the whole <c>filesinfo</c> answer.
/// </summary>
internal static class OcsFileInfoEntry
{
    public static OcsFileInfo Read(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return new OcsFileInfo { Unreadable = "the entry is not an object" };
        }

        // Custom converters see the whole value buffered, so a copy of the reader can start the entry again.
        var start = reader;
        try
        {
            return JsonSerializer.Deserialize(ref reader, OcsJsonContext.Default.OcsFileInfo) ?? new OcsFileInfo { Unreadable = "the entry is empty" };
        }
        catch (JsonException ex)
        {
            reader = start;
            reader.Skip();
            return new OcsFileInfo { Unreadable = ex.Path is { } path ? $"the field at {path} has an unusable value" : "a field has an unusable value" };
        }
    }
}

internal sealed class OcsDirectDownloadDataConverter : LenientObjectConverter<OcsDirectDownloadData>
{
    protected override OcsDirectDownloadData? ReadObject(ref Utf8JsonReader reader) =>
        JsonSerializer.Deserialize(ref reader, OcsJsonContext.Default.OcsDirectDownloadData);
}

/// <summary><c>filesinfo</c> data: an object keyed by id, or a list (PHP's encoding of an empty or 0..n-1 keyed array).</summary>
internal sealed class OcsFilesInfoDataConverter : JsonConverter<OcsFilesInfoData>
{
    public override OcsFilesInfoData? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var byId = new Dictionary<string, OcsFileInfo>(StringComparer.Ordinal);
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var key = reader.GetString()!;
                    reader.Read();
                    byId[key] = OcsFileInfoEntry.Read(ref reader);
                }

                return new OcsFilesInfoData { ById = byId };
            case JsonTokenType.StartArray:
                var inOrder = new List<OcsFileInfo>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    inOrder.Add(OcsFileInfoEntry.Read(ref reader));
                }

                return new OcsFilesInfoData { InOrder = inOrder };
            default:
                reader.Skip();
                return null;
        }
    }

    public override void Write(Utf8JsonWriter writer, OcsFilesInfoData value, JsonSerializerOptions options) =>
        throw new NotSupportedException("OCS data is only read.");
}
