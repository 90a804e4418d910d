#include <sind/engine/tar_writer.hpp>

#include <cstdio>
#include <fstream>
#include <regex>

#include <gtest/gtest.h>

#include <sind/error.hpp>

#include "fake_engine.hpp"

namespace sind::test {
namespace {

// Return the output of `tar -tv` on the archive, one entry per line.
std::string list_with_tar(const std::string& archive)
{
  const auto folder = make_temporary_folder();
  const auto path = folder / "upload.tar";
  std::ofstream(path, std::ios::binary) << archive;

  std::string listing;
  const auto command = "tar --numeric-owner -tvf " + path.string() + " 2>&1";
  if (FILE* pipe = ::popen(command.c_str(), "r")) {
    char buffer[4096];
    while (const auto count = std::fread(buffer, 1, sizeof buffer, pipe)) {
      listing.append(buffer, count);
    }
    ::pclose(pipe);
  }
  std::filesystem::remove_all(folder);
  return listing;
}

std::string field(const std::string& archive, std::size_t offset, std::size_t size)
{
  const auto text = archive.substr(offset, size);
  return text.substr(0, text.find('\0'));
}

TEST(TarWriter, CreatesParentFoldersBeforeFiles)
{
  const auto archive = engine::make_tar({{"etc/slurm/slurm.conf", "ClusterName=dev\n", 0644, 0, 0},
                                         {"etc/slurm/cgroup.conf", "", 0600, 64, 64},
                                         {"./munge.key", "secret", 0400, 101, 102}});

  const auto listing = list_with_tar(archive);

  // tar -tv pads its columns, so each entry is matched with flexible spaces
  const auto has_entry = [&listing](const std::string& mode_owner, const std::string& size, const std::string& path) {
    return std::regex_search(listing, std::regex(mode_owner + " +" + size + " .* " + path + "\n"));
  };
  EXPECT_TRUE(has_entry("drwxr-xr-x 0/0", "0", "etc/")) << listing;
  EXPECT_TRUE(has_entry("drwxr-xr-x 0/0", "0", "etc/slurm/")) << listing;
  EXPECT_TRUE(has_entry("-rw-r--r-- 0/0", "16", "etc/slurm/slurm\\.conf")) << listing;
  EXPECT_TRUE(has_entry("-rw------- 64/64", "0", "etc/slurm/cgroup\\.conf")) << listing;
  EXPECT_TRUE(has_entry("-r-------- 101/102", "6", "munge\\.key")) << listing;
  EXPECT_LT(listing.find(" etc/slurm/\n"), listing.find(" etc/slurm/slurm.conf\n")) << listing;
}

TEST(TarWriter, WritesUstarHeaderFields)
{
  engine::TarWriter writer(1700000000);
  writer.add_file({"a.txt", "hello", 0640, 1000, 1001});
  const auto archive = writer.finish();

  ASSERT_EQ(archive.size(), 512u * 4); // header, one data block, two end blocks
  EXPECT_EQ(field(archive, 0, 100), "a.txt");
  EXPECT_EQ(field(archive, 100, 8), "0000640");
  EXPECT_EQ(field(archive, 108, 8), "0001750");
  EXPECT_EQ(field(archive, 116, 8), "0001751");
  EXPECT_EQ(field(archive, 124, 12), "00000000005");
  EXPECT_EQ(field(archive, 136, 12), "14524770400");
  EXPECT_EQ(archive[156], '0');
  EXPECT_EQ(field(archive, 257, 6), "ustar");
  EXPECT_EQ(archive.substr(263, 2), "00");
  EXPECT_EQ(archive.substr(512, 5), "hello");

  unsigned checksum = 0;
  for (std::size_t index = 0; index < 512; ++index) {
    checksum += index >= 148 && index < 156 ? ' ' : static_cast<unsigned char>(archive[index]);
  }
  EXPECT_EQ(std::stoul(field(archive, 148, 8), nullptr, 8), checksum);
}

TEST(TarWriter, StoresLongPathsInPrefix)
{
  const std::string folder = std::string(60, 'a') + "/" + std::string(60, 'b');
  const std::string path = folder + "/" + std::string(80, 'f');

  const auto listing = list_with_tar(engine::make_tar({{path, "x", 0644, 0, 0}}));

  EXPECT_NE(listing.find(" " + path + "\n"), std::string::npos) << listing;
}

TEST(TarWriter, RejectsUnsafePaths)
{
  for (const auto* path : {"", "/etc/passwd", "../escape", "a/../../b", "./."}) {
    SCOPED_TRACE(path);
    EXPECT_THROW(engine::make_tar({{path, "x", 0644, 0, 0}}), UsageError);
  }
}

TEST(TarWriter, RejectsPathTooLongForUstar)
{
  EXPECT_THROW(engine::make_tar({{std::string(200, 'a'), "x", 0644, 0, 0}}), UsageError);
}

} // namespace
} // namespace sind::test
