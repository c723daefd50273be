using System.Buffers.Binary;
using System.Text;

namespace MovieGen.Pipeline.Audio;

/// <summary>Sample format of a PCM WAV file.</summary>
/// <param name="FormatTag">1 = integer PCM, 3 = IEEE float (WAVE_FORMAT_EXTENSIBLE is resolved to its sub-format).</param>
public sealed record WavFormat(int SampleRate, int Channels, int BitsPerSample, int FormatTag = WavFormat.Pcm)
{
    public const int Pcm = 1;
    public const int IeeeFloat = 3;

    public int BlockAlign => Channels * BitsPerSample / 8;

    public int ByteRate => SampleRate * BlockAlign;

    /// <summary>The one format the narration track is mixed in: 16-bit mono at this rate.</summary>
    public static WavFormat Pcm16Mono(int sampleRate) => new(sampleRate, 1, 16);
}

/// <summary>What a WAV header says: format and where the samples are.</summary>
public sealed record WavInfo(WavFormat Format, long DataOffset, long DataLength)
{
    public long SampleFrames => DataLength / Format.BlockAlign;

    public double DurationSeconds => (double)SampleFrames / Format.SampleRate;
}

/// <summary>Reads and writes RIFF/WAVE headers. Durations come from here rather than from an
/// ffprobe call per phrase: a header read costs microseconds.</summary>
public static class WavFile
{
    private const int HeaderLength = 44;

    public static WavInfo Read(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096);
        return Read(stream, path);
    }

    /// <summary>Parses the header: RIFF/WAVE, then chunks in any order (LIST, fact, … are skipped;
    /// odd-sized chunks carry a pad byte). A data size larger than the file (streamed writers put
    /// 0xFFFFFFFF there) is clamped to what is actually present.</summary>
    public static WavInfo Read(Stream stream, string name = "stream")
    {
        Span<byte> header = stackalloc byte[12];
        ReadExactly(stream, header, name);
        if (!header[..4].SequenceEqual("RIFF"u8) || !header[8..12].SequenceEqual("WAVE"u8))
        {
            throw new InvalidDataException($"{name} is not a RIFF/WAVE file.");
        }

        WavFormat? format = null;
        Span<byte> chunk = stackalloc byte[8];
        while (true)
        {
            if (stream.Read(chunk) < 8)
            {
                throw new InvalidDataException($"{name} has no data chunk.");
            }

            var id = Encoding.ASCII.GetString(chunk[..4]);
            long size = BinaryPrimitives.ReadUInt32LittleEndian(chunk[4..]);
            if (id == "fmt ")
            {
                if (size < 16)
                {
                    throw new InvalidDataException($"{name} has a truncated fmt chunk.");
                }

                var fmt = new byte[size];
                ReadExactly(stream, fmt, name);
                format = ParseFormat(fmt, name);
                SkipPad(stream, size);
            }
            else if (id == "data")
            {
                if (format is null)
                {
                    throw new InvalidDataException($"{name} has its data chunk before the fmt chunk.");
                }

                var offset = stream.Position;
                var present = stream.Length - offset;
                var length = Math.Min(size, present);
                length -= length % format.BlockAlign;
                return new WavInfo(format, offset, length);
            }
            else
            {
                stream.Seek(size + (size & 1), SeekOrigin.Current);
            }
        }
    }

    /// <summary>Writes a canonical 44-byte PCM header.</summary>
    public static void WriteHeader(Stream stream, WavFormat format, long dataLength)
    {
        Span<byte> h = stackalloc byte[HeaderLength];
        "RIFF"u8.CopyTo(h);
        BinaryPrimitives.WriteUInt32LittleEndian(h[4..], (uint)(36 + dataLength));
        "WAVE"u8.CopyTo(h[8..]);
        "fmt "u8.CopyTo(h[12..]);
        BinaryPrimitives.WriteUInt32LittleEndian(h[16..], 16);
        BinaryPrimitives.WriteUInt16LittleEndian(h[20..], (ushort)format.FormatTag);
        BinaryPrimitives.WriteUInt16LittleEndian(h[22..], (ushort)format.Channels);
        BinaryPrimitives.WriteUInt32LittleEndian(h[24..], (uint)format.SampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(h[28..], (uint)format.ByteRate);
        BinaryPrimitives.WriteUInt16LittleEndian(h[32..], (ushort)format.BlockAlign);
        BinaryPrimitives.WriteUInt16LittleEndian(h[34..], (ushort)format.BitsPerSample);
        "data"u8.CopyTo(h[36..]);
        BinaryPrimitives.WriteUInt32LittleEndian(h[40..], (uint)dataLength);
        stream.Write(h);
    }

    /// <summary>The 16-bit samples of a mono PCM16 file.</summary>
    public static short[] ReadPcm16Mono(string path)
    {
        var info = Read(path);
        if (info.Format is not { Channels: 1, BitsPerSample: 16, FormatTag: WavFormat.Pcm })
        {
            throw new InvalidDataException($"{path} is not 16-bit mono PCM.");
        }

        using var stream = File.OpenRead(path);
        stream.Position = info.DataOffset;
        var bytes = new byte[info.DataLength];
        ReadExactly(stream, bytes, path);
        var samples = new short[bytes.Length / 2];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(i * 2));
        }

        return samples;
    }

    /// <summary>The samples of any PCM (8/16/24/32-bit) or 32-bit float file as floats in
    /// [-1, 1], channels averaged to mono.</summary>
    public static float[] ReadMono(string path)
    {
        var info = Read(path);
        var format = info.Format;
        var bytesPerSample = format.BitsPerSample / 8;
        var isFloat = format.FormatTag == WavFormat.IeeeFloat && format.BitsPerSample == 32;
        if (!isFloat && (format.FormatTag != WavFormat.Pcm || bytesPerSample > 4))
        {
            throw new InvalidDataException($"{path} is neither integer PCM nor 32-bit float.");
        }

        using var stream = File.OpenRead(path);
        stream.Position = info.DataOffset;
        var bytes = new byte[info.DataLength];
        ReadExactly(stream, bytes, path);
        var frames = (int)info.SampleFrames;
        var samples = new float[frames];
        var scale = isFloat ? 1f : 1f / (1L << (format.BitsPerSample - 1));
        for (var f = 0; f < frames; f++)
        {
            var sum = 0f;
            for (var c = 0; c < format.Channels; c++)
            {
                var at = bytes.AsSpan(((f * format.Channels) + c) * bytesPerSample, bytesPerSample);
                sum += isFloat ? BinaryPrimitives.ReadSingleLittleEndian(at) : IntegerSample(at) * scale;
            }

            samples[f] = sum / format.Channels;
        }

        return samples;
    }

    /// <summary>A little-endian signed sample of 1–4 bytes (8-bit WAV is unsigned, offset 128).</summary>
    private static long IntegerSample(ReadOnlySpan<byte> bytes) => bytes.Length switch
    {
        1 => bytes[0] - 128,
        2 => BinaryPrimitives.ReadInt16LittleEndian(bytes),
        3 => (bytes[0] | (bytes[1] << 8) | ((sbyte)bytes[2] << 16)),
        _ => BinaryPrimitives.ReadInt32LittleEndian(bytes),
    };

    private static WavFormat ParseFormat(ReadOnlySpan<byte> fmt, string name)
    {
        int tag = BinaryPrimitives.ReadUInt16LittleEndian(fmt);
        int channels = BinaryPrimitives.ReadUInt16LittleEndian(fmt[2..]);
        var sampleRate = (int)BinaryPrimitives.ReadUInt32LittleEndian(fmt[4..]);
        int bits = BinaryPrimitives.ReadUInt16LittleEndian(fmt[14..]);
        const int extensible = 0xFFFE;
        if (tag == extensible && fmt.Length >= 26)
        {
            tag = BinaryPrimitives.ReadUInt16LittleEndian(fmt[24..]);
        }

        if (channels < 1 || sampleRate < 1 || bits < 8 || bits % 8 != 0)
        {
            throw new InvalidDataException($"{name} has an unusable format ({channels} ch, {sampleRate} Hz, {bits} bit).");
        }

        return new WavFormat(sampleRate, channels, bits, tag);
    }

    private static void SkipPad(Stream stream, long size)
    {
        if ((size & 1) == 1)
        {
            stream.Seek(1, SeekOrigin.Current);
        }
    }

    private static void ReadExactly(Stream stream, Span<byte> buffer, string name)
    {
        try
        {
            stream.ReadExactly(buffer);
        }
        catch (EndOfStreamException)
        {
            throw new InvalidDataException($"{name} ends inside its header.");
        }
    }
}
