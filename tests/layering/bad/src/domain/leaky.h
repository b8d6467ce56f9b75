#pragma once
#include "app/context.h"
#include <boost/json.hpp>
