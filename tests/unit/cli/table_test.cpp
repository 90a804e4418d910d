#include "table.hpp"

#include <gtest/gtest.h>

#include <sstream>

TEST(Table, AlignsColumnsByCharacters)
{
  sind::cli::Table table({"NAME", "STATUS"});
  table.add_row({"controller", "✓"});
  table.add_row({"worker-0", "running"});
  std::ostringstream out;

  table.print(out);

  EXPECT_EQ(out.str(),
            "NAME         STATUS\n"
            "controller   ✓\n"
            "worker-0     running\n");
}

TEST(Table, PadsMissingCells)
{
  sind::cli::Table table({"A", "B", "C"});
  table.add_row({"x"});
  std::ostringstream out;

  table.print(out);

  EXPECT_EQ(out.str(), "A   B   C\nx\n");
}
