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
[JsonSerializable(typeof(Dictionary<string, OcsFileInfo>))]
[JsonSerializable(typeof(List<OcsFileInfo>))]
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
    protected override OcsFileInfo? ReadObject(ref Utf8JsonReader reader) =>
        JsonSerializer.Deserialize(ref reader, OcsJsonContext.Default.OcsFileInfo);
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
                return new OcsFilesInfoData { ById = JsonSerializer.Deserialize(ref reader, OcsJsonContext.Default.DictionaryStringOcsFileInfo) };
            case JsonTokenType.StartArray:
                return new OcsFilesInfoData { InOrder = JsonSerializer.Deserialize(ref reader, OcsJsonContext.Default.ListOcsFileInfo) };
            default:
                reader.Skip();
                return null;
        }
    }

    public override void Write(Utf8JsonWriter writer, OcsFilesInfoData value, JsonSerializerOptions options) =>
        throw new NotSupportedException("OCS data is only read.");
}
