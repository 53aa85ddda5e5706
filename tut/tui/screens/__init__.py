"""One module per screen: coding, adjudication, and the help, picker, find and summary modals."""

from tut.tui.screens.adjudication import AdjudicationScreen
from tut.tui.screens.coding import CodingScreen
from tut.tui.screens.find import FindScreen
from tut.tui.screens.help import HelpScreen
from tut.tui.screens.picker import CodePicker
from tut.tui.screens.summary import SummaryScreen

__all__ = [
    "AdjudicationScreen",
    "CodePicker",
    "CodingScreen",
    "FindScreen",
    "HelpScreen",
    "SummaryScreen",
]
