// Placeholder entry point; replaced by the CLI (System.CommandLine) with its verbs.
return 0;
