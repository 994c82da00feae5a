/* vigie: cybersecurity self-assessment for French local authorities. */
#include "cli.h"

int main(int argc, char **argv)
{
	return cli_main(argc, argv);
}
