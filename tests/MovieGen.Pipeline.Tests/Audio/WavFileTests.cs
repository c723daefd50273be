using System.Buffers.Binary;
using MovieGen.Pipeline.Audio;

namespace MovieGen.Pipeline.Tests.Audio;

public class WavFileTests
{
    [Fact]
    public void Reads_format_and_duration_of_a_canonical_file()
    {
        using var stream = new MemoryStream();
        WavFile.WriteHeader(stream, WavFormat.Pcm16Mono(22050), 44100);
        stream.Write(new byte[44100]);
        stream.Position = 0;

        var info = WavFile.Read(stream);

        info.Format.ShouldBe(new WavFormat(22050, 1, 16));
        info.DataOffset.ShouldBe(44);
        info.DurationSeconds.ShouldBe(1.0, 1e-9);
    }

    [Fact]
    public void Skips_extra_chunks_before_and_after_fmt_including_odd_sized_ones()
    {
        using var stream = new MemoryStream();
        stream.Write("RIFF"u8);
        stream.Write(new byte[4]);
        stream.Write("WAVE"u8);
        WriteChunk(stream, "LIST", new byte[7]); // odd size: one pad byte follows
        WriteChunk(stream, "fmt ", Fmt(24000, channels: 2, bits: 16));
        WriteChunk(stream, "fact", new byte[4]);
        WriteChunk(stream, "data", new byte[24000 * 4 / 2]);
        stream.Position = 0;

        var info = WavFile.Read(stream);

        info.Format.ShouldBe(new WavFormat(24000, 2, 16));
        info.DurationSeconds.ShouldBe(0.5, 1e-9);
    }

    [Fact]
    public void A_data_size_larger_than_the_file_is_clamped_to_what_is_present()
    {
        using var stream = new MemoryStream();
        WavFile.WriteHeader(stream, WavFormat.Pcm16Mono(16000), uint.MaxValue);
        stream.Write(new byte[16000]);
        stream.Position = 0;

        WavFile.Read(stream).DurationSeconds.ShouldBe(0.5, 1e-9);
    }

    [Fact]
    public void A_file_that_is_not_a_wave_is_refused()
    {
        using var stream = new MemoryStream("ID3\u0004 not a wave file at all"u8.ToArray());

        Should.Throw<InvalidDataException>(() => WavFile.Read(stream));
    }

    private static void WriteChunk(Stream stream, string id, byte[] body)
    {
        stream.Write(System.Text.Encoding.ASCII.GetBytes(id));
        var size = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(size, (uint)body.Length);
        stream.Write(size);
        stream.Write(body);
        if (body.Length % 2 == 1)
        {
            stream.WriteByte(0);
        }
    }

    private static byte[] Fmt(int rate, int channels, int bits)
    {
        var fmt = new byte[16];
        BinaryPrimitives.WriteUInt16LittleEndian(fmt, 1);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(2), (ushort)channels);
        BinaryPrimitives.WriteUInt32LittleEndian(fmt.AsSpan(4), (uint)rate);
        BinaryPrimitives.WriteUInt32LittleEndian(fmt.AsSpan(8), (uint)(rate * channels * bits / 8));
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(12), (ushort)(channels * bits / 8));
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(14), (ushort)bits);
        return fmt;
    }
}
