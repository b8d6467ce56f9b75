#pragma once
#include <boost/json.hpp>
#include "app/context.h"
