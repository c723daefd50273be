using System.Text.Json;
using System.Text.Json.Serialization;

namespace MovieGen.Jobs.PocketBase;

/// <summary>JSON settings for PocketBase records: snake_case names, lower-case enums, and
/// PocketBase's date text (<c>""</c> for an empty date) read as <see cref="DateTimeOffset"/>?.</summary>
public static class PbJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            NumberHandling = JsonNumberHandling.AllowReadingFromString,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        options.Converters.Add(new NullableDateConverter());
        options.Converters.Add(new DateConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    private sealed class NullableDateConverter : JsonConverter<DateTimeOffset?>
    {
        public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.Null ? null : PbDate.Parse(reader.GetString());

        public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value is { } v ? PbDate.ToText(v) : "");
    }

    private sealed class DateConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            PbDate.Parse(reader.GetString()) ?? default;

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(PbDate.ToText(value));
    }
}
