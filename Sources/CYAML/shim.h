#ifndef FFGEN_CYAML_SHIM_H
#define FFGEN_CYAML_SHIM_H
#include <yaml.h>
#endif
